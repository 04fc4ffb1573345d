// Child process of `npm run bench`: drives one load run with autocannon and prints its result as one JSON line.
// Running the client in its own process keeps its CPU apart from the orchestrator (Miniflare lives there).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export type LoadRequest = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type LoadSpec = {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  amount?: number;
  /** Requests taken in turn across all connections (one shared rotation). */
  requests: LoadRequest[];
};
export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
};

async function main() {
  const spec = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as LoadSpec;
  let turn = 0;
  // Wall time measured here: autocannon's own duration is rounded to about a second, too coarse for 20,000 requests.
  const started = performance.now();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration ?? 10,
    amount: spec.amount,
    timeout: 10,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const r = spec.requests[turn++ % spec.requests.length] as LoadRequest;
          return { ...req, method: r.method ?? "GET", path: r.path, headers: r.headers ?? {}, body: r.body };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = stat.count;
  }
  const out: LoadResult = {
    requests: result.requests.total,
    seconds,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
