// Structured log lines: one JSON object per line (level, event, then fields), as Workers Logs indexes them.

export type LogLevel = "info" | "warn" | "error";

/** Field values a line may carry: never a reader's cookie, body or other personal data. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes `{"level":…,"event":…,…fields}` to the console method of that level. */
export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  // Looked up per call, so a test's spy on console.error sees the line.
  const sink = level === "error" ? console.error : level === "warn" ? console.warn : console.log;
  sink(JSON.stringify({ level, event, ...fields }));
}
