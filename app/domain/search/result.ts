import type { PageSectionId } from "../coe/page-sections";
import type { CoeStatus } from "../enums";
import type { SnippetPart } from "./snippet";

/** One search result as the page shows it: the COE, its facts, the section the words were found in and a snippet of it. */
export type SearchResult = {
  id: number;
  title: string;
  team: string;
  severity: number;
  status: CoeStatus;
  section: PageSectionId;
  sectionLabel: string;
  snippet: SnippetPart[];
};
