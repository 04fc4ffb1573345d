// What the global setup hands to the workerd tests: publish plans built in Node from the fixture folders.
import type { Plan } from "../../kv-seed/lib/types.ts";

export type FixtureName = "seed" | "hostile";

declare module "vitest" {
  export interface ProvidedContext {
    plans: Record<FixtureName, Plan>;
  }
}
