// Consent purposes: strictly necessary (always on, never a choice) plus the configurable ones. Pure.

/** Purposes a reader can allow or refuse, in display order, with the letter each has in the consent cookie. */
export const PURPOSE_CODES = { analytics: "a", marketing: "m" } as const;

export type Purpose = keyof typeof PURPOSE_CODES;
export const PURPOSES = Object.keys(PURPOSE_CODES) as Purpose[];

export function isPurpose(name: string): name is Purpose {
  return Object.hasOwn(PURPOSE_CODES, name);
}

/** The granted purposes, in PURPOSES order: a canonical list, so equal sets compare and encode equally. */
export type Grants = readonly Purpose[];

export function normalizeGrants(purposes: Iterable<Purpose>): Grants {
  const set = new Set(purposes);
  return PURPOSES.filter((p) => set.has(p));
}

/** The cookie's compact form of a set of grants: `am`, `a`, `m`, or `-` for none. */
export function encodeGrants(grants: Grants): string {
  return (
    normalizeGrants(grants)
      .map((p) => PURPOSE_CODES[p])
      .join("") || "-"
  );
}

/** The grants a compact form names, or null when it is not one `encodeGrants` writes. */
export function decodeGrants(code: string): Grants | null {
  if (code === "-") return [];
  const grants = PURPOSES.filter((p) => code.includes(PURPOSE_CODES[p]));
  return encodeGrants(grants) === code ? grants : null;
}

export function allows(grants: Grants, purposes: readonly Purpose[]): boolean {
  return purposes.every((p) => grants.includes(p));
}
