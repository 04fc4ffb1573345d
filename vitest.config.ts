// Test projects: "workers" runs route tests inside workerd with real KV; "node" runs the publisher's pure code and CLI.
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
    ],
  },
});
