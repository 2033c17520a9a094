/** Which engine this process runs on: PostgreSQL when DATABASE_URL names one, else the embedded SQLite file. */
export type EngineKind = "sqlite" | "pg";

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function engineKind(): EngineKind {
  return isPostgresUrl(process.env.DATABASE_URL) ? "pg" : "sqlite";
}
