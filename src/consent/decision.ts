// The consent decision for one request, and the one piece of it that changes a page's bytes. Pure.

export type Choice = "granted" | "declined";

export type ConsentDecision = {
  /** The reader's stored, valid choice for the current consent-policy version; null when there is none. */
  choice: Choice | null;
  /** The request carried `Sec-GPC: 1` (Global Privacy Control). */
  gpc: boolean;
};

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
