// Real Chromium (the npm-packaged build, or CHROMIUM_PATH) driven by playwright-core, plus a seeded site on local workerd.
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM_ARGS, chromiumEnv, chromiumPath } from "../../../tools/chromium.ts";
import { type Site, type SiteOptions, startSite } from "../../../tools/site.ts";
import "./global-setup.ts";

/** Launches headless Chromium with no background traffic (this machine has no internet), plus any `extraArgs`. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs], env: chromiumEnv() });
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
