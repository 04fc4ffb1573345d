// The consent receipt: what one stored choice records, its id, and the schema every copy of it is checked against.
// Pure. Deliberately holds no IP address, user agent or cookie value (docs/consent-records.md).
import * as v from "valibot";

/** The D1 table (migrations/0001_consent_receipts.sql). */
export const RECEIPTS_TABLE = "consent_receipts";

/** 96 random bits, base64url without padding: 16 characters, fits the consent cookie unchanged in size class. */
export const RECEIPT_ID_BYTES = 12;
export const RECEIPT_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export const OUTCOMES = ["accept-all", "reject-all", "custom", "opt-out"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RULES = ["opt-in", "opt-out"] as const;
export type JurisdictionRule = (typeof RULES)[number];

/** The forms that store a choice; `unknown` is a post that did not say (an old page, or not our form). */
export const CONSENT_FORMS = ["banner", "settings", "opt-out", "unknown"] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

const PURPOSE = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/));

export const ReceiptSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(RECEIPT_ID_PATTERN)),
  recordedAt: v.pipe(v.string(), v.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)),
  policyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  granted: v.pipe(v.array(PURPOSE), v.maxLength(16)),
  refused: v.pipe(v.array(PURPOSE), v.maxLength(16)),
  outcome: v.picklist(OUTCOMES),
  jurisdiction: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,32}$/)),
  rule: v.picklist(RULES),
  country: v.nullable(v.pipe(v.string(), v.regex(/^[A-Z0-9]{2}$/))),
  gpc: v.boolean(),
  language: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
  form: v.picklist(CONSENT_FORMS),
});

/** One stored choice, as it travels through the queue and sits in D1 (`migrations/0001_consent_receipts.sql`). */
export type Receipt = v.InferOutput<typeof ReceiptSchema>;

/** What the consent route knows when a choice is stored: everything a receipt holds except its id and time. */
export type ChoiceFacts = {
  policyVersion: number;
  granted: readonly string[];
  refused: readonly string[];
  jurisdiction: string;
  rule: JurisdictionRule;
  /** `request.cf.country`; anything that is not a two-letter code is recorded as unknown. */
  country: unknown;
  gpc: boolean;
  language: string;
  form: ConsentForm;
};

/** A fresh receipt id from the platform's CSPRNG. */
export function newReceiptId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RECEIPT_ID_BYTES));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_");
}

/**
 * How the figures count a choice: under an opt-out rule, refusing anything is an opt-out; otherwise all granted is
 * accept-all, all refused reject-all, and a mix custom. Fixed at the time of the choice, so a later change to the
 * configured purposes does not rewrite history.
 */
export function classifyChoice(granted: readonly string[], refused: readonly string[], rule: JurisdictionRule): Outcome {
  if (refused.length === 0) return "accept-all";
  if (rule === "opt-out") return "opt-out";
  return granted.length === 0 ? "reject-all" : "custom";
}

/** The receipt for a choice stored now. */
export function createReceipt(facts: ChoiceFacts, now: Date, id: string = newReceiptId()): Receipt {
  const country = typeof facts.country === "string" && /^[A-Z0-9]{2}$/.test(facts.country) ? facts.country : null;
  return {
    id,
    recordedAt: now.toISOString(),
    policyVersion: facts.policyVersion,
    granted: [...facts.granted],
    refused: [...facts.refused],
    outcome: classifyChoice(facts.granted, facts.refused, facts.rule),
    jurisdiction: facts.jurisdiction,
    rule: facts.rule,
    country,
    gpc: facts.gpc,
    language: facts.language,
    form: facts.form,
  };
}

/** A message body from the queue as a receipt, or null when it is not one of ours. */
export function parseReceipt(body: unknown): Receipt | null {
  const result = v.safeParse(ReceiptSchema, body);
  return result.success ? result.output : null;
}
