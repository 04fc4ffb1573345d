// Edgewire's Worker: the app for the configuration in `[vars]` (wiring lives in app.ts), plus the queue consumer and
// the scheduled handler for readership figures.
import { env } from "cloudflare:workers";
import { createApp } from "./app.ts";
import { parseConfig } from "./config/index.ts";
import { rollUpPageViews, storePageViews } from "./readership/views.ts";

// Misconfiguration fails at start-up (and so fails the deploy), with a message naming every bad variable.
const app = createApp({ config: parseConfig(env) });

export default {
  fetch: app.fetch,
  /** Page views queued by /analytics/collect, stored in D1 in batches (docs/readership.md). */
  async queue(batch: MessageBatch<unknown>, bindings: Env) {
    await storePageViews(batch.messages, bindings, Date.now());
  },
  /** Daily: old page views become daily counts. */
  async scheduled(controller: ScheduledController, bindings: Env) {
    await rollUpPageViews(bindings.DB, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
