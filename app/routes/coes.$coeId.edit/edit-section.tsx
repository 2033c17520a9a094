import type { ReactNode } from "react";
import type { PageSectionId } from "~/domain/coe/page-sections";

/** A part of the edit page: its heading is the anchor the section navigation links to. */
export function EditSection({ id, title, children }: { id: PageSectionId; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
