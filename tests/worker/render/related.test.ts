// Related posts when a site has too few articles to fill them: nothing scheduled shows, and an empty list shows nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../support/kv.ts";
import { get } from "../support/request.ts";

beforeAll(async () => {
  await seed(env.CONTENT, "lonely");
});

describe("related posts on a site with no other visible article", () => {
  it("are left out entirely, heading included, when none is visible yet", async () => {
    const html = await (await get("/articles/lonely-article")).text();
    expect(html).not.toContain('class="related"');
    expect(html).not.toContain("Related posts");
    expect(html).toContain('<p class="on-top">');
  });
});
