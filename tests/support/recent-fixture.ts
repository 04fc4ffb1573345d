// The shape of the generated "recent" fixture, shared by its writer (Node) and the workerd tests that read it.

/** How many published articles it holds: three listing pages of 10. */
export const RECENT_COUNT = 23;
/** Article i (1-based) is published i × this many hours before the fixture is written. */
export const RECENT_STEP_HOURS = 3;
/** The slug of article i. */
export const recentSlug = (i: number) => `recent-${String(i).padStart(2, "0")}`;
