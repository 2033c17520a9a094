import type { LintOptions } from "~/domain/coe/blameless-lint";
import { ownSaveOrigin } from "~/components/coe/own-section-versions";
import { sectionVersion, type CoeSection, type SectionVersions } from "~/domain/coe/sections";
import type { Route } from "./+types/route";

/** What the edit page's loader gives its sections. */
export type EditPageData = Route.ComponentProps["loaderData"];
export type EditedCoe = EditPageData["coe"];

/** Each form is based on its own section's version, and re-mounts only when that section changes. */
export type SectionVersionsOf = {
  /** The version a section's forms are based on. */
  of: (section: CoeSection) => number;
  /** A key for a form that adds a row: it starts afresh after someone's change, but not after this page's own autosave of its section. */
  freshKey: (section: CoeSection) => number;
};

export function sectionVersionsOf(versions: SectionVersions | null | undefined): SectionVersionsOf {
  const of = (section: CoeSection) => sectionVersion(versions, section);
  return { of, freshKey: (section) => ownSaveOrigin(section, of(section)) };
}

/** What every rich-text field of the page needs besides its own text. */
export type RichContext = { coeId: number; versions: SectionVersionsOf; lint: LintOptions };
