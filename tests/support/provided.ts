// What the global setup hands to the workerd tests: publish plans built in Node from the fixture folders.
import type { Plan } from "../../kv-seed/lib/types.ts";

/**
 * seed: kv-seed/articles; hostile: tests/fixtures/hostile; reader: tests/fixtures/reader (hostile headline, bare and
 * right-to-left articles, a scheduled related article); recent: generated at setup time relative to now (paginated
 * section and tag, articles inside and outside the news sitemap's 48 hours, one scheduled); images: local lead and body
 * images; lonely: an article whose only related article is scheduled.
 */
export type FixtureName = "seed" | "hostile" | "reader" | "recent" | "images" | "lonely";

declare module "vitest" {
  export interface ProvidedContext {
    plans: Record<FixtureName, Plan>;
  }
}
