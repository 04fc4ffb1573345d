// renderMarkdown: Markdown to HTML through remark/rehype, sanitized, with a report of what was removed.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../kv-seed/lib/markdown.ts";

describe("renderMarkdown", () => {
  it("renders Markdown with GitHub extensions to HTML", () => {
    expect(renderMarkdown("Hello **world**\n\n| a |\n| - |\n| 1 |").html).toBe(
      "<p>Hello <strong>world</strong></p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>",
    );
  });

  it("reports nothing removed from clean Markdown", () => {
    expect(renderMarkdown("A [link](https://example.com).").removed).toEqual([]);
  });

  it("removes script elements and says so", () => {
    const { html, removed } = renderMarkdown('Text\n\n<script>alert("x")</script>\n\nMore');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("alert");
    expect(removed).toEqual(["<script>"]);
  });

  it("removes event-handler attributes and says so", () => {
    const { html, removed } = renderMarkdown('<img src="/a.jpg" alt="a" onerror="alert(1)">');
    expect(html).toBe('<img src="/a.jpg" alt="a" />');
    expect(removed).toEqual(["onerror on <img>"]);
  });

  it("removes javascript: URLs from links and says so", () => {
    const { html, removed } = renderMarkdown('[click](javascript:alert(1)) and <a href="JavaScript:alert(2)">raw</a>');
    expect(html).not.toMatch(/javascript:/i);
    expect(removed).toEqual(["href on <a> ×2"]);
  });

  it("removes iframes, styles and ids that could clobber the page", () => {
    const { removed } = renderMarkdown('<iframe src="https://evil.example"></iframe>\n\n<p id="main" style="color:red">x</p>');
    expect(removed).toEqual(["<iframe>", "id on <p>", "src on <iframe>", "style on <p>"]);
  });

  it("keeps footnote ids and links working", () => {
    const { html, removed } = renderMarkdown("Note[^1]\n\n[^1]: The note.");
    expect(html).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(removed).toEqual([]);
  });

  it("reports each body's removals alone, though every body runs through the same pipeline", () => {
    expect(renderMarkdown("<script>x</script>").removed).toEqual(["<script>"]);
    expect(renderMarkdown("Clean text.")).toEqual({ html: "<p>Clean text.</p>", removed: [] });
    expect(renderMarkdown('<p style="x">y</p>').removed).toEqual(["style on <p>"]);
  });

  describe("with the checked images' variants (file.data.media)", () => {
    const media = { "media/pier.png": { variants: { hash: "0123456789abcdef", widths: [320, 640] }, width: 640, height: 360 } };

    it("turns a lone local image into a figure with a lazy <picture>, which the sanitizer keeps whole", () => {
      const { html, removed } = renderMarkdown('![A pier](media/pier.png "The pier at dawn.")', media);
      expect(removed).toEqual([]);
      expect(html).toBe(
        "<figure><picture>" +
          '<source type="image/avif" srcset="/media/0123456789abcdef-320.avif 320w, /media/0123456789abcdef-640.avif 640w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" />' +
          '<source type="image/webp" srcset="/media/0123456789abcdef-320.webp 320w, /media/0123456789abcdef-640.webp 640w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" />' +
          '<img src="/media/0123456789abcdef-640.jpg" alt="A pier" loading="lazy" decoding="async" srcset="/media/0123456789abcdef-320.jpg 320w, /media/0123456789abcdef-640.jpg 640w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" width="640" height="360" />' +
          "</picture><figcaption>The pier at dawn.</figcaption></figure>",
      );
    });

    it("still sanitizes the author's raw HTML around the pictures, and leaves unknown paths as written", () => {
      const { html, removed } = renderMarkdown(
        '![A pier](media/pier.png) and ![other](media/other.png)\n\n<img src="x.png" alt="x" onerror="alert(1)">',
        media,
      );
      expect(html).toContain("<picture>");
      expect(html).toContain('<img src="media/other.png" alt="other" />');
      expect(html).not.toContain("onerror");
      expect(removed).toEqual(["onerror on <img>"]);
    });
  });
});
