// Edgewire's Worker: the app for the configuration in `[vars]`. Wiring lives in app.ts.
import { env } from "cloudflare:workers";
import { createApp } from "./app.ts";
import { parseConfig } from "./config/index.ts";
import type { AppEnv } from "./env.ts";
import { consumeReceipts } from "./receipts/consumer.ts";
import { pruneReceipts } from "./receipts/retention.ts";

// Misconfiguration fails at start-up (and so fails the deploy), with a message naming every bad variable.
const config = parseConfig(env);

// Consent receipts: the queue consumer writes them to D1, the cron deletes the old ones (docs/consent-records.md).
export default {
  fetch: createApp({ config }).fetch,
  queue: consumeReceipts,
  scheduled: (controller, bindings) => pruneReceipts(controller, bindings.DB, config.receipts),
} satisfies ExportedHandler<AppEnv["Bindings"]>;
