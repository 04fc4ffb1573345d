import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { HOST_COOKIE, signedConsentValue } from "../src/consent/cookie.ts";
import { buildBundle, startSite } from "../tools/site.ts";
import { TEST_CONSENT_SECRET } from "../tools/test-secrets.ts";
import { benchArticles } from "./articles.ts";
import { drive } from "./drive.ts";
import type { LoadRequest } from "./load.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PORT = 9239;
const CACHED = "/articles/us-led-air-strikes-block-daesh-fighters-in-syria";
const which = process.argv[2] ?? "hot";

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Profile = { nodes: { id: number; callFrame: Frame }[]; samples: number[] };

const bundleDir = buildBundle();
const articles = benchArticles(join(ROOT, "kv-seed/articles"), 1000);
const site = await startSite({ bundleDir, articles: articles.dir, inspectorPort: PORT });
try {
  const slugs: string[] = JSON.parse((await site.kv.get("v1:sitemap")) as string).entries.map((e: { slug: string }) => e.slug);
  const cookie = `${HOST_COOKIE}=${await signedConsentValue(HOST_COOKIE, { policyVersion: 1, grants: ["analytics"], givenAt: new Date() }, TEST_CONSENT_SECRET)}`;
  const paths: Record<string, LoadRequest[]> = {
    hot: [{ path: CACHED }],
    granted: [{ path: CACHED, headers: { cookie } }],
    home: [{ path: "/" }],
    turn: slugs.map((s) => ({ path: `/articles/${s}` })),
  };
  const requests = which.startsWith("/") ? [{ path: which }] : paths[which];
  if (requests === undefined) throw new Error(`unknown path set "${which}": one of ${Object.keys(paths).join(", ")}, or a path`);
  for (const r of requests) await (await fetch(`${site.url}${r.path}`, { headers: r.headers })).arrayBuffer();

  const targets = (await (await fetch(`http://127.0.0.1:${PORT}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.webSocketDebuggerUrl.endsWith("/core:user:edgewire"));
  if (target === undefined) throw new Error("workerd's inspector has no target for the edgewire worker");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r, { once: true }));
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (e) => {
    const message = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params = {}) =>
    new Promise<T>((r) => {
      const id = ++next;
      waiting.set(id, r as (result: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 50 });
  await send("Profiler.start");
  const load = await drive({ url: site.url, connections: 64, duration: 6, requests });
  const { profile } = await send<{ profile: Profile }>("Profiler.stop");
  ws.close();

  console.log(`${which}: ${load.requests} requests, ${Math.round(load.rps)} req/s while sampled`);
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, { frame: Frame; samples: number }>();
  for (const id of profile.samples) {
    const frame = frames.get(id) as Frame;
    const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
    const entry = self.get(key) ?? { frame, samples: 0 };
    entry.samples++;
    self.set(key, entry);
  }
  const lines = readFileSync(join(bundleDir, "index.js"), "utf8").split("\n");
  const total = profile.samples.length;
  for (const { frame, samples } of [...self.values()].sort((a, b) => b.samples - a.samples).slice(0, 30)) {
    const code = frame.url.endsWith("index.js")
      ? (lines[frame.lineNumber] ?? "").slice(frame.columnNumber, frame.columnNumber + 90)
      : "";
    console.log(
      `${((100 * samples) / total).toFixed(1).padStart(5)} %  ${(frame.functionName || "(anonymous)").padEnd(20)} ${code}`,
    );
  }
} finally {
  await site.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(articles.dir, { recursive: true, force: true });
}
