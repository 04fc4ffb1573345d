// The secrets every test instance of the Worker gets (a fresh clone has no .dev.vars): test values, never real ones.
export const TEST_CONSENT_SECRET = "test-only-consent-secret-0123456789abcdef";

/** Signs preview links in tests (a deploy sets its own with `wrangler secret put PREVIEW_SECRET`). */
export const TEST_PREVIEW_SECRET = "test-preview-secret-0123456789abcdef0123456789abcdef";

export const TEST_SECRETS = { CONSENT_SECRET: TEST_CONSENT_SECRET, PREVIEW_SECRET: TEST_PREVIEW_SECRET };
