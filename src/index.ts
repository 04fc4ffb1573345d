// Edgewire's Worker: the app for the configuration in `[vars]`. Wiring lives in app.ts.
import { env } from "cloudflare:workers";
import { createApp } from "./app.ts";
import { parseConfig } from "./config/index.ts";

// Misconfiguration fails at start-up (and so fails the deploy), with a message naming every bad variable.
export default createApp({ config: parseConfig(env) });
