// Vitest global setup: runs the publisher's pipeline in Node over the sample and hostile article folders and hands
// the resulting publish plans to the workerd tests, which apply them to their KV binding with the publisher's applyPlan.
import type { TestProject } from "vitest/node";
import { EMPTY_MANIFEST, planPublish } from "../../kv-seed/lib/plan.ts";
import { prepare, readArticleFolder } from "../../kv-seed/lib/publish.ts";
import type { Plan } from "../../kv-seed/lib/types.ts";
import type { FixtureName } from "./provided.ts";

const FIXTURE_FOLDERS: Record<FixtureName, string> = { seed: "kv-seed/articles", hostile: "tests/fixtures/hostile" };

async function planFor(dir: string): Promise<Plan> {
  const read = await readArticleFolder(dir);
  const { build, problems } = prepare(read.results);
  const all = [...read.problems, ...problems];
  if (all.length > 0) throw new Error(`${dir}: ${all.map((p) => `${p.file}: ${p.field ?? ""} ${p.message}`).join("; ")}`);
  return planPublish(build.entries, EMPTY_MANIFEST, { prune: false, now: new Date() });
}

export default async function setup(project: TestProject) {
  const plans = { seed: await planFor(FIXTURE_FOLDERS.seed), hostile: await planFor(FIXTURE_FOLDERS.hostile) };
  project.provide("plans", plans);
}
