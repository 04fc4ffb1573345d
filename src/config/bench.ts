// Benchmark switches from `[vars]`: never in wrangler.toml; `npm run bench` passes BENCH_FLOORS=on to its own Worker.
import * as v from "valibot";

export type BenchConfig = {
  /** BENCH_FLOORS=on: the floor routes answer and the page cache honours the bench's bypass header. */
  floors: boolean;
};

export const BenchVarsSchema = v.pipe(
  v.object({ BENCH_FLOORS: v.optional(v.picklist(["on", "off"], 'must be "on" or "off"'), "off") }),
  v.transform((vars): BenchConfig => ({ floors: vars.BENCH_FLOORS === "on" })),
);
