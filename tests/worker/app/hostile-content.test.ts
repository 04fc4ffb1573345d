// The whole Worker over hostile article content (tests/fixtures/hostile): markup in fields, scheduled articles.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

beforeAll(async () => {
  await seed(env.CONTENT, "hostile");
});

describe("escaping", () => {
  it("renders a <script> in the headline, section and source as text", async () => {
    const html = await (await get("/articles/script-in-headline")).text();
    expect(html).toContain("<h1>Breaking: &lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt; &amp; friends</h1>");
    expect(html).toContain("Source: &lt;script&gt;src&lt;/script&gt;");
    expect(html).toContain("Tests &amp; &lt;Edge&gt; Cases");
    // The page's own scripts (JSON-LD, the share enhancement) are the only <script> elements left.
    // The response's CSP nonce differs per response, so it is left out of the comparison.
    const scripts = [...html.matchAll(/<script[^>]*>/gi)].map((m) => m[0].replace(/ nonce="[^"]+"/, ""));
    expect(scripts).toEqual(['<script type="application/ld+json">', "<script>"]);
    expect(html.match(/<script type="application\/ld\+json"[^>]*>[^<]*<\/script>/)?.[0]).toContain("\\u003cscript\\u003e");
  });

  it("keeps a code span's <script> as text and drops raw script, handlers and javascript: links from the body", async () => {
    const html = await (await get("/articles/script-in-headline")).text();
    expect(html).toContain("<code>&#x3C;script></code>");
    const body = html.match(/<div class="body">([\s\S]*?)<\/div>/)?.[1] ?? "";
    expect(body).toContain('<img src="x" />');
    expect(body).not.toMatch(/onerror|javascript:|<script/i);
    expect(html).toContain('content="A summary with &lt;img src=x onerror=alert(1)&gt; in it"');
  });
});

describe("scheduled articles", () => {
  it("hides an article whose publication time is still in the future", async () => {
    expect((await get("/articles/scheduled-in-future")).status).toBe(404);
  });

  it("leaves a scheduled article out of the home page until its time", async () => {
    const html = await (await get("/")).text();
    const order = [...html.matchAll(/<h2><a href="\/articles\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(order).toEqual(["script-in-headline", "plain-older"]);
  });
});
