import { sql, type Placeholder, type SQL } from "drizzle-orm";

/**
 * A COE's customer RCA state (RCA_STATES) at `now`, from the columns every write keeps
 * (`rca_owed_at`, `rca_due_at`, `rca_written_at`, unqualified: the query reads them from one row
 * of coes). The trends page counts by it and the COE list filters by it, so a chart's bar and the
 * list it links to always agree.
 */
export function rcaStateSql(now: Placeholder | number | Date): SQL {
  return sql`(case when rca_owed_at is not null then (case when rca_owed_at < ${now} then 'late' else 'owed' end)
    when rca_written_at is not null and rca_due_at is not null then (case when rca_written_at <= rca_due_at then 'on-time' else 'written-late' end)
    else 'unmeasured' end)`;
}
