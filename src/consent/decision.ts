// The consent decision for one request, and the one piece of it that changes a page's bytes. Pure.
import { readConsentCookie } from "./cookie.ts";

export type Choice = "granted" | "declined";

export type ConsentDecision = {
  /** The reader's stored, valid choice for the current consent-policy version; null when there is none. */
  choice: Choice | null;
  /** The request carried `Sec-GPC: 1` (Global Privacy Control). */
  gpc: boolean;
  /** When the stored choice was made, if there is one. */
  givenAt?: Date;
  /** The stored choice's consent receipt (docs/consent-records.md), if it has one. */
  receiptId?: string;
};

export type ConsentInput = {
  /** The request's Cookie header. */
  cookie: string | null | undefined;
  /** The request's Sec-GPC header. */
  secGpc: string | null | undefined;
  /** The current consent-policy version from configuration. */
  policyVersion: number;
};

/**
 * Decides consent from the request's headers: a well-formed, single consent cookie made under the current policy
 * version is the choice; anything else (absent, malformed, duplicated, older or newer version) is no choice.
 */
export function decideConsent({ cookie, secGpc, policyVersion }: ConsentInput): ConsentDecision {
  const gpc = secGpc?.trim() === "1";
  const stored = readConsentCookie(cookie);
  if (stored === null || stored.version !== policyVersion) return { choice: null, gpc };
  const decision: ConsentDecision = { choice: stored.choice, gpc, givenAt: stored.givenAt };
  return stored.receiptId === undefined ? decision : { ...decision, receiptId: stored.receiptId };
}

/** Analytics may run only on an explicit, current "granted". GPC and no choice both mean no analytics. */
export function analyticsAllowed(decision: ConsentDecision): boolean {
  return decision.choice === "granted";
}

/**
 * What the server-rendered page looks like for this decision, before per-request parts (analytics, nonce) are
 * added: the banner asking for a choice, the banner with a note that GPC is honoured, or no banner. Caches key
 * on this and on nothing else about consent, so granted and declined readers share one cached body.
 */
export function pageVariant(decision: ConsentDecision): "ask" | "ask-gpc" | "decided" {
  if (decision.choice !== null) return "decided";
  return decision.gpc ? "ask-gpc" : "ask";
}

export type PageVariant = ReturnType<typeof pageVariant>;
