// Browser-test global setup: bundles the Worker once, as `wrangler deploy` would, for every test file's site.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { buildBundle } from "../../support/site.ts";

export default function setup(project: TestProject) {
  const bundleDir = buildBundle();
  project.provide("bundleDir", bundleDir);
  return () => rmSync(bundleDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    bundleDir: string;
  }
}
