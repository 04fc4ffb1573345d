// Test helper: finds elements in an HTML response with workerd's own HTMLRewriter (a real HTML parser).

export type Found = { attrs: Record<string, string>; text: string };

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Undoes the five references Hono's escaping writes, so tests compare with the original text. */
export const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/** Every element matching a CSS selector, with its attributes and its text content (descendants included). */
export async function select(html: string, selector: string): Promise<Found[]> {
  const found: Found[] = [];
  const open: Found[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const item: Found = {
          attrs: Object.fromEntries([...el.attributes].map(([k, v]) => [k, unescapeHtml(v ?? "")])),
          text: "",
        };
        found.push(item);
        open.push(item);
        // Void elements (meta, img, input) have no end tag and so no content.
        if (VOID.has(el.tagName)) open.pop();
        else el.onEndTag(() => void open.pop());
      },
    })
    .onDocument({
      text(chunk) {
        for (const item of open) item.text += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found.map((f) => ({ ...f, text: unescapeHtml(f.text) }));
}

/** The first match, or a failure naming the selector. */
export async function selectOne(html: string, selector: string): Promise<Found> {
  const [first] = await select(html, selector);
  if (first === undefined) throw new Error(`no element matches ${selector}`);
  return first;
}
