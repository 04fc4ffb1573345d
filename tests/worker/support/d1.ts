// Test helper: the repository's D1 migrations applied to the test file's own database, as `npm start` applies them.
import { applyD1Migrations } from "cloudflare:test";
import { inject } from "vitest";

export function migrate(db: D1Database): Promise<void> {
  return applyD1Migrations(db, inject("d1Migrations"));
}
