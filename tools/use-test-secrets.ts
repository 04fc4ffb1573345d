// Node side only (the Worker's tests import test-secrets.ts, which must not touch `process`).
import { TEST_SECRETS } from "./test-secrets.ts";

/**
 * Puts the test secrets in this process's environment, where wrangler looks for the secrets `wrangler.toml`
 * requires when it reads the configuration for Miniflare: the test and bench instances then get exactly these
 * values (never a deploy secret from the developer's shell), and wrangler has no "Missing required secrets" to warn
 * about. Only for test and bench processes.
 */
export function useTestSecrets(): void {
  for (const [name, value] of Object.entries(TEST_SECRETS)) process.env[name] = value;
}
