// The consent decision for one request, and the one piece of it that changes a page's bytes. Pure.
import type { CookieReading } from "./cookie.ts";
import type { Rule } from "./jurisdiction.ts";
import { type Grants, normalizeGrants, type Purpose } from "./purposes.ts";

export type ConsentDecision = {
  /** The jurisdiction's rule for this request. */
  rule: Rule;
  /** The reader's stored, signed choice for the current policy version is what `grants` comes from. */
  decided: boolean;
  /** The purposes allowed for this response, in PURPOSES order. */
  grants: Grants;
  /** The request carried `Sec-GPC: 1` (Global Privacy Control). */
  gpc: boolean;
  /** GPC changed the outcome or the page says it is honoured (opt-out rule, or opt-in before a choice). */
  gpcHonoured: boolean;
  /** When the stored choice was made, if there is one. */
  givenAt?: Date;
  /** The stored choice's receipt id, if it has one. */
  receiptId?: string;
};

export type ConsentInput = {
  /** The consent cookie as read and verified (cookie.ts), or null when there is none we can read. */
  reading: CookieReading;
  /** The request's Sec-GPC header. */
  secGpc: string | null | undefined;
  /** The current consent-policy version from configuration. */
  policyVersion: number;
  /** The configured purposes. */
  purposes: readonly Purpose[];
  /** The rule for the request's place. */
  rule: Rule;
};

/** GPC is, in law, an opt-out of sale and sharing: the marketing purpose. */
const GPC_OPTS_OUT_OF: Purpose = "marketing";

/**
 * Decides consent: a single, signed cookie made under the current policy version is the reader's choice; anything
 * else (absent, malformed, duplicated, forged or edited, older or newer version) is no choice. With no choice, the
 * opt-in rule allows nothing and the opt-out rule allows every configured purpose. Under opt-out, GPC always removes
 * marketing; under opt-in, an explicit choice wins over the signal (which is then only shown as honoured before one).
 */
export function decideConsent({ reading, secGpc, policyVersion, purposes, rule }: ConsentInput): ConsentDecision {
  const gpc = secGpc?.trim() === "1";
  const stored = reading?.signatureValid && reading.stored.policyVersion === policyVersion ? reading.stored : null;
  const base = stored !== null ? stored.grants.filter((p) => purposes.includes(p)) : rule === "opt-out" ? purposes : [];
  const grants = normalizeGrants(rule === "opt-out" && gpc ? base.filter((p) => p !== GPC_OPTS_OUT_OF) : base);
  const decision: ConsentDecision = {
    rule,
    decided: stored !== null,
    grants,
    gpc,
    gpcHonoured: gpc && (rule === "opt-out" || stored === null),
  };
  if (stored?.givenAt) decision.givenAt = stored.givenAt;
  if (stored?.receiptId) decision.receiptId = stored.receiptId;
  return decision;
}

/** What the server-rendered page says about consent (banner, footer link, GPC note): the part caches key on. */
export function consentVariant(decision: ConsentDecision): ConsentVariant {
  if (decision.rule === "opt-out") return decision.gpc ? "optout-gpc" : "optout";
  if (decision.decided) return "decided";
  return decision.gpc ? "ask-gpc" : "ask";
}

export type ConsentVariant = "ask" | "ask-gpc" | "decided" | "optout" | "optout-gpc";

/** The decision a page rendered before the consent middleware ran (an early error) uses: ask, the safe default. */
export const UNDECIDED: ConsentDecision = { rule: "opt-in", decided: false, grants: [], gpc: false, gpcHonoured: false };
