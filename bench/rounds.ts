// Interleaved rounds, shared by `npm run bench` and `bench:compare`: a new random order each round, so drift on this
// shared machine falls on every path alike, and the median of a path's rounds.

/** A uniformly random order of `items` (Fisher–Yates); the input is left as it is. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The median (the upper middle value for an even count); 0 for none. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
