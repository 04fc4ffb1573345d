// The secrets every test instance of the Worker gets (a fresh clone has no .dev.vars): test values, never real ones.
export const TEST_CONSENT_SECRET = "test-only-consent-secret-0123456789abcdef";

export const TEST_SECRETS = { CONSENT_SECRET: TEST_CONSENT_SECRET };
