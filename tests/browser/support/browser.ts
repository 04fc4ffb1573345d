// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, plus a seeded site on local workerd.
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { type Site, type SiteOptions, startSite } from "../../support/site.ts";
import "./global-setup.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launches headless Chromium with no background traffic (this machine has no internet). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Starts the bundled Worker built by the global setup, with KV seeded from kv-seed/articles (or `articles`). */
export function startTestSite(options: Omit<SiteOptions, "bundleDir"> = {}): Promise<Site> {
  return startSite({ ...options, bundleDir: inject("bundleDir") });
}

/** A seeded site and a Chromium for one test file: started before its tests, stopped after them. */
export type SiteAndBrowser = { site: Site; browser: Browser };

/** Starts a seeded site (with `options`) and Chromium in `beforeAll` and stops both in `afterAll`. */
export function useSiteAndBrowser(options: Omit<SiteOptions, "bundleDir"> = {}): SiteAndBrowser {
  const handle = {} as SiteAndBrowser;
  beforeAll(async () => {
    [handle.site, handle.browser] = await Promise.all([startTestSite(options), launchChromium()]);
  });
  afterAll(async () => {
    await handle.browser?.close();
    await handle.site?.dispose();
  });
  return handle;
}
