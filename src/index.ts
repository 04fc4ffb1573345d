// Edgewire's Worker: the app for the configuration in `[vars]` (wiring lives in app.ts), the queue consumers and the
// daily scheduled jobs.
import { env } from "cloudflare:workers";
import { createApp } from "./app.ts";
import { parseConfig } from "./config/index.ts";
import type { AppEnv } from "./env.ts";
import { rollUpPageViews, storePageViews } from "./readership/views.ts";
import { consumeReceipts } from "./receipts/consumer.ts";
import { pruneReceipts } from "./receipts/retention.ts";

// Misconfiguration fails at start-up (and so fails the deploy), with a message naming every bad variable.
const config = parseConfig(env);

/** Queues are named per environment (edgewire-receipts, edgewire-receipts-staging, edgewire-staging-pageviews, …). */
const isPageViews = (queue: string) => queue.endsWith("pageviews");

export default {
  fetch: createApp({ config }).fetch,
  // Consent receipts (docs/consent-records.md) and counted page views (docs/readership.md), each written to D1.
  queue: (batch, bindings) =>
    isPageViews(batch.queue)
      ? storePageViews(batch.messages, bindings, Date.now()).then(() => {})
      : consumeReceipts(batch, bindings),
  // Once a day: receipts past their retention go; page views older than a few days become daily counts.
  scheduled: async (controller, bindings) => {
    await pruneReceipts(controller, bindings.DB, config.receipts);
    await rollUpPageViews(bindings.DB, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<AppEnv["Bindings"]>;
