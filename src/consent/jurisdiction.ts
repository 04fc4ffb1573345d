// Which consent rule applies where: a table from country or country-region codes to a rule, with safe defaults. Pure.

/**
 * `opt-in`: nothing beyond the strictly necessary until the reader chooses (a banner asks).
 * `opt-out`: purposes on until the reader opts out ("Your Privacy Choices"); GPC opts out of marketing.
 */
export type Rule = "opt-in" | "opt-out";
export const RULES = ["opt-in", "opt-out"] as const satisfies readonly Rule[];

/** `*` is the rule for every place the table does not name, including an unknown country. */
export type JurisdictionTable = Readonly<Record<string, Rule>>;

const EEA = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO";
/** US states whose consumer-privacy laws are opt-out laws with a right to refuse sale or sharing (and GPC in most). */
const US_OPT_OUT_STATES = "CA CO CT DE IA IN KY MD MN MT NE NH NJ OR RI TN TX UT VA";

/**
 * The default table: opt-in in the EEA, the UK and Switzerland (and, through `*`, anywhere unknown or unlisted);
 * opt-out in the US states above. Configuration (`CONSENT_JURISDICTIONS`) is merged over it.
 */
export const DEFAULT_JURISDICTIONS: JurisdictionTable = {
  ...Object.fromEntries([...EEA.split(" "), "GB", "CH"].map((code) => [code, "opt-in" as const])),
  ...Object.fromEntries(US_OPT_OUT_STATES.split(" ").map((state) => [`US-${state}`, "opt-out" as const])),
  "*": "opt-in",
};

/** Where a request comes from: ISO 3166 country and, where known, the region (a US state's postal code). */
export type Place = { country: string | null; region: string | null };

/** `US-CA`, `DE`, or `XX` (unknown) — the form the table and GEO_OVERRIDE use. */
export function placeCode({ country, region }: Place): string {
  if (country === null) return "XX";
  return region === null ? country : `${country}-${region}`;
}

/** The rule for a place and the table entry it came from: its country-region entry, else its country's, else `*`. */
export function ruleMatch(table: JurisdictionTable, place: Place): { entry: string; rule: Rule } {
  const { country, region } = place;
  if (country !== null && region !== null) {
    const exact = table[`${country}-${region}`];
    if (exact) return { entry: `${country}-${region}`, rule: exact };
  }
  const national = country !== null ? table[country] : undefined;
  if (country !== null && national) return { entry: country, rule: national };
  return { entry: "*", rule: table["*"] ?? "opt-in" };
}

/** The rule for a place (see ruleMatch). */
export function ruleFor(table: JurisdictionTable, place: Place): Rule {
  return ruleMatch(table, place).rule;
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9]{1,3}$/;

/** The place in a request's `cf` object; anything missing or odd is unknown (Cloudflare's `XX` and `T1` included). */
export function placeFromCf(cf: { country?: unknown; regionCode?: unknown } | undefined): Place {
  const country = typeof cf?.country === "string" && COUNTRY.test(cf.country) ? cf.country : null;
  if (country === null || country === "XX" || country === "T1") return { country: null, region: null };
  const region = typeof cf?.regionCode === "string" && REGION.test(cf.regionCode) ? cf.regionCode : null;
  return { country, region };
}

/** A GEO_OVERRIDE value (`DE`, `US-CA`) as a place, or null when it is not one. */
export function parsePlaceCode(code: string): Place | null {
  const [country, region, extra] = code.split("-");
  if (country === undefined || !COUNTRY.test(country) || extra !== undefined) return null;
  if (region !== undefined && !REGION.test(region)) return null;
  return { country, region: region ?? null };
}
