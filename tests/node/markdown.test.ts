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
    expect(html).toBe('<img src="/a.jpg" alt="a">');
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
});
