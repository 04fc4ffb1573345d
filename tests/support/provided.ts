// What the global setup hands to the workerd tests: publish plans built in Node from the fixture folders, and the
// D1 migrations.
import type { Plan } from "../../kv-seed/lib/types.ts";
import type { FIXTURE_DIRS } from "./fixtures.ts";

/**
 * sample, hostile, reader, search, images, lonely: the folders in FIXTURE_DIRS (tests/support/fixtures.ts); recent:
 * generated at setup time relative to now (paginated section and tag, articles inside and outside the news sitemap's
 * 48 hours, one scheduled).
 */
export type FixtureName = keyof typeof FIXTURE_DIRS | "recent";

declare module "vitest" {
  export interface ProvidedContext {
    plans: Record<FixtureName, Plan>;
    d1Migrations: { name: string; queries: string[] }[];
  }
}
