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

/**
 * One line per key per window for an event that can come in floods (a limiter saying no): the first of each window is
 * written, carrying `heldBack`, how many lines of that key the window before it did not write. Per isolate; at most
 * 1,024 keys are tracked (cleared when full, which only lets a line through early).
 */
export function throttledLog(level: LogLevel, event: string, windowMs = 60_000, now: () => number = Date.now) {
  const windows = new Map<string, { until: number; held: number }>();
  return (key: string, fields: LogFields = {}): void => {
    const at = now();
    const open = windows.get(key);
    if (open !== undefined && at < open.until) {
      open.held++;
      return;
    }
    if (windows.size >= 1024) windows.clear();
    windows.set(key, { until: at + windowMs, held: 0 });
    log(level, event, { ...fields, ...(open !== undefined && open.held > 0 ? { heldBack: open.held } : {}) });
  };
}
