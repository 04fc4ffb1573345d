import { describe, expect, it } from "vitest";
import { AIR_STRIKES_SLUG, articlePath } from "../support/fixtures.ts";
import { useSiteAndBrowser } from "./support/browser.ts";

const SEED = articlePath(AIR_STRIKES_SLUG);
const t = useSiteAndBrowser();

describe("reading an article in Chromium", () => {
  it("shows the headline, body and source with JavaScript disabled", async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(t.site.url + SEED);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("US-led air strikes block Daesh fighters in Syria");
    expect(await page.locator("article .body p").count()).toBe(19);
    await expect(page.locator(".source").textContent()).resolves.toBe("Source: gulfnews");
    await context.close();
  });

  it("follows a home-page link to the article", async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.site.url}/`);
    await page.getByRole("link", { name: "US-led air strikes block Daesh fighters in Syria" }).click();
    await page.waitForURL(`**${SEED}`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Daesh");
    await page.close();
  });
});
