// When a stored page stops being true without any publish: the next scheduled article it would show goes live.
// Routes report it with markChangesAt(); the page store keeps the time with the copy and renders again after it.
import type { Context } from "hono";

/** Internal response header from a route to the page store (ms since the epoch). Never sent to readers. */
export const CHANGES_AT_HEADER = "x-edgewire-changes-at";

/** The earliest of `times` (ms) that is still after `now`, or null. Unparsable times are ignored. */
export function nextChange(times: Iterable<number>, now: number): number | null {
  let next: number | null = null;
  for (const t of times) if (Number.isFinite(t) && t > now && (next === null || t < next)) next = t;
  return next;
}

/** The next `published` time after `now` among these items: when a page listing them gains one. */
export function nextGoLive(items: Iterable<{ published: string }>, now: number): number | null {
  return nextChange(
    (function* () {
      for (const item of items) yield Date.parse(item.published);
    })(),
    now,
  );
}

/** Tells the page store this response changes at `at` (ms); no-op for null. */
export function markChangesAt(c: Context, at: number | null): void {
  if (at !== null) c.header(CHANGES_AT_HEADER, String(at));
}
