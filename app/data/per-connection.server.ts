import type { Db } from "../../db/client";

/** `prepare(db)` run once per connection and kept: prepared statements outlive a request. */
export function perConnection<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) cache.set(db, (value = prepare(db)));
    return value;
  };
}
