// Test projects: "workers" runs route tests inside workerd with real KV; "node" runs the publisher's code and CLI;
// "browser" drives real Chromium against the bundled Worker on local workerd.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "workers",
          include: ["tests/worker/**/*.test.{ts,tsx}"],
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
