// Consent settings from `[vars]`: the consent-policy version and the consent cookie's lifetime.
import * as v from "valibot";
import { parseVars, wholeNumber } from "./vars.ts";

/** Thirteen months, the longest a consent choice may be kept (rounded down to whole days). */
export const MAX_CONSENT_AGE_DAYS = 395;

export type ConsentConfig = {
  /** Stored choices made under another version count as no choice. */
  policyVersion: number;
  /** The consent cookie's Max-Age. */
  maxAgeSeconds: number;
};

export const ConsentVarsSchema = v.pipe(
  v.object({
    CONSENT_POLICY_VERSION: wholeNumber("must be a whole number from 1 to 999999"),
    CONSENT_MAX_AGE_DAYS: v.pipe(
      wholeNumber(`must be a whole number of days from 1 to ${MAX_CONSENT_AGE_DAYS}`),
      v.maxValue(MAX_CONSENT_AGE_DAYS, `must be at most ${MAX_CONSENT_AGE_DAYS} days (13 months)`),
    ),
  }),
  v.transform(
    (vars): ConsentConfig => ({ policyVersion: vars.CONSENT_POLICY_VERSION, maxAgeSeconds: vars.CONSENT_MAX_AGE_DAYS * 86_400 }),
  ),
);

/** Reads and validates the consent variables alone; throws an Error naming each bad variable. */
export const parseConsentConfig = (vars: unknown): ConsentConfig => parseVars(ConsentVarsSchema, vars);
