/** Rich text as the server rendered it (from the schema-checked document, links made safe), or a note that it is empty. */
export function RenderedRichText({ html, empty }: { html: string; empty: string }) {
  return html ? <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} /> : <p className="empty">{empty}</p>;
}
