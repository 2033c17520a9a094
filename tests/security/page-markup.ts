import { Window } from "happy-dom";

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping", "cite", "srcset"]);
// What a URL attribute must never start with once a browser has stripped whitespace and control characters.
const SCRIPT_URL = /^(javascript|vbscript|data:text\/html)/i;

/**
 * What a page's markup does that the Content-Security-Policy would have to allow (or block, and
 * break the page): inline scripts without this response's nonce, scripts from elsewhere, inline
 * event handlers, javascript: URLs, inline <style> elements, plug-ins and <base>; and a nonce
 * where none is needed (on a <link>).
 */
export function markupProblems(html: string, nonce: string | undefined): string[] {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    const doc = new window.DOMParser().parseFromString(html, "text/html");
    const problems: string[] = [];
    const scripts = [...doc.querySelectorAll("script")];
    if (!scripts.some((s) => !s.getAttribute("src"))) problems.push("no inline script at all (is this a React Router page?)");
    for (const script of scripts) {
      const src = script.getAttribute("src");
      const own = script.getAttribute("nonce");
      if (src) {
        if (!/^\/(?!\/)/.test(src)) problems.push(`a script from elsewhere: ${src}`);
      } else if (!nonce || own !== nonce)
        problems.push(`an inline script with nonce ${JSON.stringify(own)}, not this response's ${JSON.stringify(nonce)}: ${script.textContent.slice(0, 80)}`);
    }
    // Only scripts need the nonce. On a <link> React hydrates (module preloads are hoisted resources
    // it does not), it is a value the browser hides from the page, so React's render in the browser
    // (which cannot read it) differs from the server's HTML: a hydration mismatch.
    for (const link of doc.querySelectorAll("link[nonce]:not([rel=modulepreload])"))
      if (link.getAttribute("nonce")) problems.push(`a <link> with this response's nonce (trips hydration): ${link.outerHTML.slice(0, 80)}`);
    for (const el of doc.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const raw = attr.value ?? "";
        if (name.startsWith("on")) problems.push(`an inline event handler: <${el.tagName.toLowerCase()} ${name}="${raw.slice(0, 60)}">`);
        // eslint-disable-next-line no-control-regex -- browsers drop control characters and spaces before reading a URL's scheme
        const value = raw.replace(/[\u0000-\u0020\u007f]/g, "");
        if (URL_ATTRIBUTES.has(name) && SCRIPT_URL.test(value)) problems.push(`a script URL: <${el.tagName.toLowerCase()} ${name}="${raw.slice(0, 60)}">`);
      }
    }
    for (const tag of ["style", "object", "embed", "applet", "base", "iframe", "frame"]) {
      const count = doc.querySelectorAll(tag).length;
      if (count) problems.push(`${count} <${tag}> element(s)`);
    }
    return problems;
  } finally {
    void window.happyDOM.close();
  }
}
