import { z } from "zod";
import { COE_STATUSES } from "../enums";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const day = z.iso.date();

/** The search page's query string. Like the list's, a bookmarkable URL: a malformed filter is dropped, not an error. */
export const SearchParamsSchema = z.object({
  q: z.string().default("").catch(""),
  team: optional(id),
  service: optional(id),
  tag: optional(id),
  category: optional(id),
  severity: optional(z.coerce.number().int().min(1).max(5)),
  state: optional(z.enum(COE_STATUSES)),
  /** Incident date (impact start, as written) from and to, inclusive. */
  from: optional(day),
  to: optional(day),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
export type SearchParams = z.infer<typeof SearchParamsSchema>;
export type SearchFilters = Omit<SearchParams, "q" | "page">;

export function parseSearchParams(params: URLSearchParams): SearchParams {
  return SearchParamsSchema.parse(Object.fromEntries(params));
}

/** The same search as a query string (defaults left out), for "show more" and result links. */
export function searchHref(p: Partial<SearchParams>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(p)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) out.set(key, String(value));
  return `/search?${out.toString()}`;
}
