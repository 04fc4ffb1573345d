// Browser-test global setup: unpacks Chromium and bundles the Worker once, as `wrangler deploy` would, for every test file's site.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "../../../tools/chromium.ts";
import { buildBundle } from "../../../tools/site.ts";

export default async function setup(project: TestProject) {
  await chromiumPath(); // unpack once, before any test file launches it
  const bundleDir = buildBundle();
  project.provide("bundleDir", bundleDir);
  return () => rmSync(bundleDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    bundleDir: string;
  }
}
