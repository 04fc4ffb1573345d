// Vitest global setup: runs the publisher's pipeline in Node over the fixture article folders and hands
// the resulting publish plans to the workerd tests, which apply them to their KV binding with the publisher's applyPlan;
// and reads the D1 migrations for them.
import { rmSync } from "node:fs";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import type { TestProject } from "vitest/node";
import type { Plan } from "../../kv-seed/lib/types.ts";
import { EMPTY_STORE, publishInto } from "../../tools/publish.ts";
import { FIXTURE_DIRS } from "./fixtures.ts";
import type { FixtureName } from "./provided.ts";
import { writeRecentArticles } from "./recent-articles.ts";

/** The plan a first `npm run publish` of `dir` would apply: the publisher's own run, as a dry run into an empty KV. */
const planFor = (dir: string): Promise<Plan> => publishInto(EMPTY_STORE, dir, { dryRun: true });

export default async function setup(project: TestProject) {
  const recentDir = writeRecentArticles();
  try {
    const plans = { recent: await planFor(recentDir) } as Record<FixtureName, Plan>;
    // One after another: each runs the publisher (sharp encodes the images fixture's variants on a cold cache).
    for (const [name, dir] of Object.entries(FIXTURE_DIRS)) plans[name as keyof typeof FIXTURE_DIRS] = await planFor(dir);
    project.provide("plans", plans);
    // The repository's D1 migrations, for applyD1Migrations() inside workerd (tests/worker/support/d1.ts).
    project.provide("d1Migrations", await readD1Migrations("migrations"));
  } finally {
    rmSync(recentDir, { recursive: true, force: true });
  }
}
