// Test and bench seeding through the publisher's own run (publishFolder), with every problem raised as one error.
import { formatProblem } from "../kv-seed/lib/parse.ts";
import { type KvStore, type PublishOptions, publishFolder } from "../kv-seed/lib/publish.ts";
import type { Plan } from "../kv-seed/lib/types.ts";

/** A store with nothing in it that accepts no writes: with `dryRun`, publishing into it yields a first-publish plan. */
export const EMPTY_STORE: KvStore = {
  get: async () => null,
  putMany: async () => {
    throw new Error("EMPTY_STORE is read-only: publish into it with dryRun");
  },
  deleteMany: async () => {
    throw new Error("EMPTY_STORE is read-only: publish into it with dryRun");
  },
};

/** Publishes a folder into a store as `npm run publish` does; throws on invalid content. Returns the plan. */
export async function publishInto(store: KvStore, articles: string, options: PublishOptions = {}): Promise<Plan> {
  const outcome = await publishFolder(articles, store, options);
  if (!outcome.ok) throw new Error(`${articles}: ${outcome.problems.map(formatProblem).join("; ")}`);
  return outcome.plan;
}
