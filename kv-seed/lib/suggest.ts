// "Did you mean …": every unknown field of a front matter or registry file with the closest known name, and hints for
// the YAML mistakes people make most (an unquoted colon, a tab, an unclosed quote). Pure.
import { distance } from "fastest-levenshtein";
import type * as v from "valibot";

/** The known name closest to `word` (case ignored), when it is close enough to be a likely typo; else null. */
export function closest(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Two edits, or a third of the word for long ones: "summray" → "summary", but "colour" never → "lang".
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** ` (did you mean "x"?)`, or nothing. */
export const didYouMean = (word: string, known: readonly string[]) => {
  const match = closest(word, known);
  return match === null ? "" : `; did you mean "${match}"?`;
};

type Schema = v.GenericSchema & {
  type: string;
  entries?: Record<string, Schema>;
  wrapped?: Schema;
  options?: Schema[];
  item?: Schema;
};

/** The strict objects a schema accepts at this level: through optional wrappers and union options. */
function objectSchemas(schema: Schema | undefined): Schema[] {
  if (schema === undefined) return [];
  if (schema.type === "strict_object") return [schema];
  if (schema.wrapped) return objectSchemas(schema.wrapped);
  if (schema.options) return schema.options.flatMap(objectSchemas);
  return [];
}

/** The list schema at this level, through optional wrappers. */
function listSchema(schema: Schema | undefined): Schema | undefined {
  if (schema === undefined) return undefined;
  if (schema.type === "array") return schema;
  return schema.wrapped ? listSchema(schema.wrapped) : undefined;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Every key the schema does not know, at any depth, with a suggestion. Valibot's strict objects report only the
 * first unknown key of each object; a writer should see all of them at once.
 */
export function unknownFields(
  schema: v.GenericSchema,
  data: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; message: string }[] {
  const list = listSchema(schema as Schema);
  if (list?.item && Array.isArray(data)) return data.flatMap((item, i) => unknownFields(list.item as Schema, item, [...path, i]));
  const [object] = objectSchemas(schema as Schema);
  if (!object?.entries || !isPlainObject(data)) return [];
  const known = Object.keys(object.entries);
  return Object.entries(data).flatMap(([key, value]) => {
    const entry = object.entries?.[key];
    if (entry === undefined)
      return [
        { path: [...path, key], message: `is not a known field${didYouMean(key, known)} (docs/writing.md lists the fields)` },
      ];
    return unknownFields(entry, value, [...path, key]);
  });
}

/** What to do about a YAML error, by the yaml package's error code. */
const YAML_HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY:
    'a value containing a colon and a space must be in quotes, e.g. headline: "Breaking: the harbour closes"; or check the indentation',
  MULTILINE_IMPLICIT_KEY: "each field is one line `name: value`; indent only the lines inside a list or an image",
  MISSING_CHAR: "close the quote at the end of the value, or leave the value unquoted",
  DUPLICATE_KEY: "this field appears twice; keep one",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "check the indentation, and that every [ has a matching ]",
  BAD_SCALAR_START: "a value starting with @, ` or % must be in quotes",
  UNEXPECTED_TOKEN: "a value in single quotes cannot contain a single quote: use double quotes instead",
  UNEXPECTED_FLOW_COLLECTION_END: "a ] or } without its opening [ or {: put the value in quotes",
};

/** ` (hint: …)` for a YAML error code, or nothing. */
export const yamlHint = (code: string) => (YAML_HINTS[code] ? ` (hint: ${YAML_HINTS[code]})` : "");
