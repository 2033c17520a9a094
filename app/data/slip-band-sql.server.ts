import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { TrendsSql } from "./trends-sql.server";

/**
 * Every action item slip is measured for, with its COE and its days elapsed and promised:
 * `slipOf`'s rule in integer days, from the earlier of creation and the original promise, to
 * validation (validated items) or `today`, inclusive. Cancelled items and items never promised
 * are not measured. The trends page counts its bands and the COE list filters by them, so a bar
 * and the list it links to always agree.
 */
export function measuredItemsSql(e: TrendsSql, today: Placeholder | number): SQL {
  const promise = e.dayOfDate(sql`a.original_promised_date`);
  const created = e.dayOfInstant(sql`a.created_at`);
  const end = sql`case when a.status = 'validated' and a.validated_at is not null then ${e.dayOfInstant(sql`a.validated_at`)} else cast(${today} as integer) end`;
  const start = sql`case when ${created} < ${promise} then ${created} else ${promise} end`;
  return sql`select a.coe_id, case when ${end} - ${start} + 1 < 1 then 1 else ${end} - ${start} + 1 end as elapsed, ${promise} - ${start} + 1 as promised
    from action_items a where a.status <> 'cancelled' and a.original_promised_date is not null`;
}

/**
 * The slip band (SLIP_BUCKETS) of a row of `measuredItemsSql`. Bands compare elapsed with
 * multiples of the promised span, so no division (and no engine's rounding) decides a band.
 */
export const slipBandSql = sql`(case when elapsed <= promised then 'kept' when elapsed * 5 <= promised * 6 then 'fine' when elapsed <= 2 * promised then 'warning'
  when elapsed <= 3 * promised then 'late' else 'very-late' end)`;
