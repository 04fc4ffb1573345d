// Setup file for the workerd projects: applies migrations/ to this test file's D1, as `npm start` does locally.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
