// Consent settings read from `[vars]`: the consent-policy version and the cookie's lifetime. Misconfiguration throws.
import * as v from "valibot";

/** Thirteen months, the longest a consent choice may be kept (rounded down to whole days). */
export const MAX_CONSENT_AGE_DAYS = 395;

export type ConsentConfig = {
  /** Stored choices made under another version count as no choice. */
  policyVersion: number;
  /** The consent cookie's Max-Age. */
  maxAgeSeconds: number;
};

const WHOLE_NUMBER = /^[1-9][0-9]{0,5}$/;

const ConsentVarsSchema = v.object({
  CONSENT_POLICY_VERSION: v.pipe(
    v.string("must be set"),
    v.regex(WHOLE_NUMBER, "must be a whole number from 1 to 999999"),
    v.transform(Number),
  ),
  CONSENT_MAX_AGE_DAYS: v.pipe(
    v.string("must be set"),
    v.regex(WHOLE_NUMBER, `must be a whole number of days from 1 to ${MAX_CONSENT_AGE_DAYS}`),
    v.transform(Number),
    v.maxValue(MAX_CONSENT_AGE_DAYS, `must be at most ${MAX_CONSENT_AGE_DAYS} days (13 months)`),
  ),
});

/** Names every bad variable and why, in one message, so a misconfigured deploy fails loudly and precisely. */
export function configError(issues: readonly v.BaseIssue<unknown>[]): Error {
  const lines = issues.map((issue) => {
    const name = v.getDotPath(issue) ?? "vars";
    return issue.input === undefined ? `${name}: must be set` : `${name}: ${issue.message} (got ${JSON.stringify(issue.input)})`;
  });
  return new Error(`Invalid wrangler.toml [vars]: ${lines.join("; ")}`);
}

/** Reads and validates the consent variables; throws an Error naming each bad variable. */
export function parseConsentConfig(vars: unknown): ConsentConfig {
  const result = v.safeParse(ConsentVarsSchema, vars);
  if (!result.success) throw configError(result.issues);
  return { policyVersion: result.output.CONSENT_POLICY_VERSION, maxAgeSeconds: result.output.CONSENT_MAX_AGE_DAYS * 86_400 };
}
