import { describe, expect, it } from "vitest";
import { useSiteAndBrowser } from "./support/browser.ts";

const t = useSiteAndBrowser({ articles: "tests/fixtures/search" });

describe("searching in Chromium without JavaScript", () => {
  it('finds the convoy article from the header form by "Hezbollah convoy", words marked', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.site.url}/`);
    await page.locator("header").getByRole("searchbox", { name: "Search" }).fill("Hezbollah convoy");
    await page.locator("header").getByRole("button", { name: "Search" }).click();
    await page.waitForURL("**/search?q=Hezbollah+convoy");
    const result = page.getByRole("link", { name: "US-led air strikes block Daesh fighters in Syria" });
    await expect(result.count()).resolves.toBe(1);
    const marked = await page.locator("ol.cards mark").allTextContents();
    expect(marked.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(["convoy", "hezbollah"]));
    await result.click();
    await page.waitForURL("**/articles/us-led-air-strikes-block-daesh-fighters-in-syria");
    await context.close();
  });

  it("finds the Arabic sample from the 404 page's form, with and without diacritics", async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const word of ["السُّوقُ", "السوق"]) {
      const response = await page.goto(`${t.site.url}/articles/lost-story`);
      expect(response?.status()).toBe(404);
      await page.locator("main").getByRole("searchbox").fill(word);
      await page.locator("main").getByRole("searchbox").press("Enter");
      await page.waitForURL("**/search?q=*");
      const card = page.locator("ol.cards li");
      await expect(card.count()).resolves.toBe(1);
      await expect(card.getAttribute("dir")).resolves.toBe("rtl");
      await expect(card.locator("h2").textContent()).resolves.toBe("سوق هاربورتون الأسبوعي يعود بعد الصيانة");
      await expect(page.locator("main input[name=q]").inputValue()).resolves.toBe(word);
    }
    await context.close();
  });

  it("pages through results with plain links", async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.site.url}/search?q=quillwort`);
    await expect(page.locator("ol.cards li").count()).resolves.toBe(10);
    await page.getByRole("link", { name: "More results →" }).click();
    await page.waitForURL("**/search?q=quillwort&page=2");
    await expect(page.locator("ol.cards li").count()).resolves.toBe(2);
    await page.close();
  });
});
