// Shared pieces for reading `[vars]`: the one error format for bad variables and the value schemas sections reuse.
import * as v from "valibot";

/** Names every bad variable and why, in one message, so a misconfigured deploy fails loudly and precisely. */
export function configError(issues: readonly v.BaseIssue<unknown>[]): Error {
  const lines = issues.map((issue) => {
    const name = v.getDotPath(issue) ?? "vars";
    return issue.input === undefined ? `${name}: must be set` : `${name}: ${issue.message} (got ${JSON.stringify(issue.input)})`;
  });
  return new Error(`Invalid wrangler.toml [vars]: ${lines.join("; ")}`);
}

/** Parses `vars` with one section's schema; throws `configError` naming each bad variable. */
export function parseVars<S extends v.GenericSchema>(schema: S, vars: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, vars);
  if (!result.success) throw configError(result.issues);
  return result.output;
}

const WHOLE_NUMBER = /^[1-9][0-9]{0,5}$/;

/** A whole number from 1 to 999999 as `[vars]` write it ("182"), as a number. */
export const wholeNumber = (message: string) =>
  v.pipe(v.string("must be set"), v.regex(WHOLE_NUMBER, message), v.transform(Number));

/** An absolute https:// URL. */
export const HTTPS_URL = v.pipe(
  v.string("must be set"),
  v.url("must be an absolute URL"),
  v.startsWith("https://", "must be an https:// URL"),
);
