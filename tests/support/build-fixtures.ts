// Vitest global setup: runs the publisher's pipeline in Node over the sample and fixture article folders and hands
// the resulting publish plans to the workerd tests, which apply them to their KV binding with the publisher's applyPlan;
// and reads the D1 migrations for them.
import { rmSync } from "node:fs";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import type { TestProject } from "vitest/node";
import type { Plan } from "../../kv-seed/lib/types.ts";
import { EMPTY_STORE, publishInto } from "../../tools/publish.ts";
import type { FixtureName } from "./provided.ts";
import { writeRecentArticles } from "./recent-articles.ts";

const FIXTURE_FOLDERS: Record<Exclude<FixtureName, "recent">, string> = {
  seed: "kv-seed/articles",
  hostile: "tests/fixtures/hostile",
  reader: "tests/fixtures/reader",
};

/** The plan a first `npm run publish` of `dir` would apply: the publisher's own run, as a dry run into an empty KV. */
const planFor = (dir: string): Promise<Plan> => publishInto(EMPTY_STORE, dir, { dryRun: true });

export default async function setup(project: TestProject) {
  const recentDir = writeRecentArticles();
  try {
    const plans: Record<FixtureName, Plan> = {
      seed: await planFor(FIXTURE_FOLDERS.seed),
      hostile: await planFor(FIXTURE_FOLDERS.hostile),
      reader: await planFor(FIXTURE_FOLDERS.reader),
      recent: await planFor(recentDir),
    };
    project.provide("plans", plans);
    // The repository's D1 migrations, for applyD1Migrations() inside workerd (tests/worker/support/d1.ts).
    project.provide("d1Migrations", await readD1Migrations("migrations"));
  } finally {
    rmSync(recentDir, { recursive: true, force: true });
  }
}
