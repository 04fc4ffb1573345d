// Test projects: "workers" runs route tests inside workerd with real KV; "node" runs the publisher's code and CLI;
// "browser" drives real Chromium against the bundled Worker on local workerd.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

import { TEST_SECRETS } from "./tools/test-secrets.ts";
import { useTestSecrets } from "./tools/use-test-secrets.ts";

useTestSecrets();

// Route tests under another analytics provider: the same Worker with `[vars]` overridden, like a deploy that sets them.
const GA4_VARS = {
  ...TEST_SECRETS,
  ANALYTICS_PROVIDER: "ga4",
  ANALYTICS_GA4_ID: "G-TEST12345",
  CONSENT_PURPOSES: "analytics,marketing",
};

// The repo's D1 migrations, applied by tests/worker/support/migrations.ts before every workerd test file.
const TEST_MIGRATIONS = await readD1Migrations("migrations");

// The receipts queue as configured, but delivering within 50 ms instead of 5 s, so tests wait for the consumer briefly.
const { queueConsumers } = unstable_getMiniflareWorkerOptions("wrangler.toml").workerOptions;
const QUICK_QUEUES = {
  queueConsumers: Object.fromEntries(Object.entries(queueConsumers ?? {}).map(([q, c]) => [q, { ...c, maxBatchTimeout: 0.05 }])),
};

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS, ...TEST_SECRETS }, ...QUICK_QUEUES },
          }),
        ],
        test: {
          name: "workers",
          setupFiles: ["tests/worker/support/migrations.ts"],
          include: ["tests/worker/**/*.test.{ts,tsx}"],
          exclude: [...configDefaults.exclude, "tests/worker/**/*.ga4.test.ts"],
          globalSetup: ["tests/support/build-fixtures.ts"],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { ...GA4_VARS, TEST_MIGRATIONS }, ...QUICK_QUEUES },
          }),
        ],
        test: {
          name: "workers-ga4",
          setupFiles: ["tests/worker/support/migrations.ts"],
          include: ["tests/worker/**/*.ga4.test.ts"],
          globalSetup: ["tests/support/build-fixtures.ts"],
        },
      },
      {
        test: {
          name: "node",
          include: ["tests/node/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: one Chromium and one workerd at a time keeps timings sane.
          fileParallelism: false,
        },
      },
    ],
  },
});
