/** The id an `insert(…).returning({ id })` made (the statement either inserts one row or throws). */
export async function insertedId(rows: PromiseLike<{ id: number }[]>): Promise<number> {
  const [row] = await rows;
  if (!row) throw new Error("the insert returned no row");
  return row.id;
}

/** The next free position among a COE's rows (0 for the first). */
export async function nextPositionAfter(highest: PromiseLike<{ p: number | null }[]>): Promise<number> {
  const [row] = await highest;
  return (row?.p ?? -1) + 1;
}
