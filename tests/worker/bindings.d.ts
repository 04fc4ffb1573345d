// Test-only bindings, set in vitest.config.ts (never in wrangler.toml).
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      /** The repo's migrations/, read in Node by readD1Migrations(). */
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
