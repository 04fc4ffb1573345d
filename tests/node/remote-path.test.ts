// The remote path without the internet: the real publish CLI and `wrangler deploy --env staging`, with wrangler
// pointed at a local stand-in for Cloudflare's API (tools/cloudflare-stand-in.ts) that records every request.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RecordedRequest, type StandIn, startStandIn } from "../../tools/cloudflare-stand-in.ts";
import { ROOT } from "./support/cli.ts";

const STAGING_NAMESPACE = "5c1e7c0a5b5f4c7a9f0e8d1b2a3c4d5e";
const PRODUCTION_NAMESPACE = "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b";
const STAGING_D1 = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";

/** Three small articles of our own; one has a tag nobody else uses, so removing it deletes that tag's listing. */
const ARTICLES: Record<string, string> = {
  "a.md": `---\nheadline: Remote path article A\nslug: remote-a\npublished: 2026-03-01T09:00:00Z\nsection: World\ntags: [Ports]\nsummary: A.\n---\n\nA body.\n`,
  "b.md": `---\nheadline: Remote path article B\nslug: remote-b\npublished: 2026-03-02T09:00:00Z\nsection: World\ntags: [Ports]\nsummary: B.\n---\n\nB body.\n`,
  "c.md": `---\nheadline: Remote path article C\nslug: remote-c\npublished: 2026-03-03T09:00:00Z\nsection: Local\ntags: [Only C]\nsummary: C.\n---\n\nC body.\n`,
};

let api: StandIn;
let project: string;
let articles: string;

type Run = { code: number; stdout: string; stderr: string };
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: project,
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          CLOUDFLARE_API_BASE_URL: `${api.url}/client/v4`,
          CLOUDFLARE_API_TOKEN: api.token,
          CLOUDFLARE_ACCOUNT_ID: api.accountId,
          WRANGLER_SEND_METRICS: "false",
          EDGEWIRE_API_RETRY_MS: "20",
          ...env,
        },
      },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const publish = (...flags: string[]) =>
  run([join(ROOT, "kv-seed/scripts/publish.ts"), "--remote", "--env", "staging", "--dir", articles, "--no-cache", ...flags]);

/** Keys of a bulk write or delete request, in order. */
const keysOf = (r: RecordedRequest): string[] =>
  (JSON.parse(r.body.toString()) as (string | { key: string })[]).map((e) => (typeof e === "string" ? e : e.key));
const kvWrites = () => api.requests.filter((r) => r.path.includes(`/namespaces/${STAGING_NAMESPACE}/bulk`) && r.method !== "GET");
/** What a key is, as the write-order rule names it. */
function stageOf(key: string, value?: string): string {
  if (key === "v1:manifest" || key === "v1:version") return "manifest+version";
  // Feeds and the search index's shards are written with the listings; the search head (which points at the shards)
  // and the publisher's search meta after them, with the tombstones.
  if (key.startsWith("v1:list:") || key === "v1:sitemap" || key.startsWith("v1:feed:")) return "listings";
  if (/^v1:search:(?:terms|docs):/.test(key)) return "listings";
  if (key === "v1:search:head" || key === "v1:search:meta") return "search head";
  if (key.startsWith("v1:article:")) return value?.includes('"kind":"gone"') ? "tombstones" : "articles";
  return key;
}
/** The stages of the recorded writes, in request order, with consecutive repeats collapsed. */
function stages(requests: RecordedRequest[]): string[] {
  const out: string[] = [];
  for (const r of requests) {
    const stage =
      r.method === "DELETE" || r.path.endsWith("/bulk/delete")
        ? "deletions"
        : (JSON.parse(r.body.toString()) as { key: string; value: string }[]).map((p) => stageOf(p.key, p.value)).join("|");
    for (const s of new Set(stage.split("|"))) if (out.at(-1) !== s) out.push(s);
  }
  return out;
}
const staged = () => api.kv.get(STAGING_NAMESPACE) ?? new Map<string, string>();

beforeAll(async () => {
  // The queue exists, as after `wrangler queues create` (docs/deploying.md).
  api = await startStandIn({ queues: ["edgewire-staging-pageviews"] });
  project = await mkdtemp(join(tmpdir(), "edgewire-remote-"));
  articles = join(project, "articles");
  await mkdir(articles);
  // The repository's wrangler.toml with real-looking namespace ids, as an operator has it after `kv namespace create`.
  const config = (await readFile(join(ROOT, "wrangler.toml"), "utf8"))
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(ROOT, "src/index.ts"))}`)
    .replace(/REPLACE_WITH_STAGING_CONTENT_NAMESPACE_ID/, STAGING_NAMESPACE)
    .replace(/REPLACE_WITH_PRODUCTION_CONTENT_NAMESPACE_ID/, PRODUCTION_NAMESPACE)
    .replace(/REPLACE_WITH_STAGING_D1_DATABASE_ID/, STAGING_D1);
  await writeFile(join(project, "wrangler.toml"), config);
});
afterAll(async () => {
  await api?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("publish --remote --env staging against the API stand-in", () => {
  beforeEach(async () => {
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(articles, name), text);
  });

  it("publishes into an empty namespace (the manifest's 404 means a first publish) in the documented order", async () => {
    const result = await publish();
    expect(result.stderr + result.stdout).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const manifestRead = api.requests.find((r) => r.method === "GET" && r.path.endsWith("/values/v1%3Amanifest"));
    expect(manifestRead).toBeDefined();
    expect(stages(kvWrites())).toEqual(["articles", "listings", "search head", "manifest+version"]);
    for (const slug of ["remote-a", "remote-b", "remote-c"]) expect(staged().has(`v1:article:${slug}`)).toBe(true);
    expect(staged().get("v1:version")).toMatch(/\S/);
    // Every bulk request goes to the staging namespace of this account, authenticated with the token.
    for (const r of kvWrites()) expect(r.path).toBe(`/accounts/${api.accountId}/storage/kv/namespaces/${STAGING_NAMESPACE}/bulk`);
    expect(result.stdout).toMatch(/Cloudflare KV \(staging\)/);
  }, 240_000);

  it("writes nothing the second time (the manifest read back from the API matches)", async () => {
    const before = kvWrites().length;
    const result = await publish();
    expect(result.code).toBe(0);
    expect(kvWrites().length).toBe(before);
  }, 240_000);

  it("prunes a removed article: listings, search head, tombstones, deletions, then manifest and version", async () => {
    await unlink(join(articles, "c.md"));
    const before = kvWrites().length;
    const result = await publish("--prune");
    expect(result.code).toBe(0);
    const writes = kvWrites().slice(before);
    expect(stages(writes)).toEqual(["listings", "search head", "tombstones", "deletions", "manifest+version"]);
    const deletion = writes.find((r) => r.method === "DELETE" || r.path.endsWith("/bulk/delete"));
    expect(deletion && keysOf(deletion)).toContain("v1:list:tag:only-c:1");
    expect(staged().get("v1:article:remote-c")).toContain('"kind":"gone"');
    expect(staged().has("v1:list:tag:only-c:1")).toBe(false);
  }, 240_000);

  it("retries a batch that the API answers with 429 and then 503, sending the same pairs again", async () => {
    await writeFile(
      join(articles, "d.md"),
      ARTICLES["a.md"]?.replace(/remote-a/g, "remote-d").replace("article A", "article D") ?? "",
    );
    api.fail({ method: "PUT", match: /\/bulk$/, status: 429, times: 1, retryAfter: 1 });
    api.fail({ method: "PUT", match: /\/bulk$/, status: 503, times: 1 });
    const before = api.requests.length;
    const result = await publish();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/retry 1\/4/);
    expect(result.stderr).toMatch(/retry 2\/4/);
    const puts = api.requests.slice(before).filter((r) => r.method === "PUT" && r.path.endsWith("/bulk"));
    // The first batch was sent three times with the same body: refused, refused, stored.
    expect(puts.length).toBeGreaterThanOrEqual(3);
    expect(puts[1]?.body.equals(puts[0]?.body ?? Buffer.alloc(0))).toBe(true);
    expect(puts[2]?.body.equals(puts[0]?.body ?? Buffer.alloc(0))).toBe(true);
    expect(staged().has("v1:article:remote-d")).toBe(true);
  }, 240_000);

  it("stops at a 403 with the missing token permission named, and writes nothing after it", async () => {
    await writeFile(
      join(articles, "e.md"),
      ARTICLES["a.md"]?.replace(/remote-a/g, "remote-e").replace("article A", "article E") ?? "",
    );
    const version = staged().get("v1:version");
    api.fail({ method: "PUT", match: /\/bulk$/, status: 403, times: 1 });
    const before = kvWrites().length;
    const result = await publish();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/needs the "Workers KV Storage: Edit" permission/);
    expect(kvWrites().length - before).toBe(1); // the refused request, not retried, and nothing after it
    expect(staged().has("v1:article:remote-e")).toBe(false);
    expect(staged().get("v1:version")).toBe(version);
  }, 240_000);

  it("names the permission on a 401 from a wrong token too", async () => {
    const result = await run(
      [join(ROOT, "kv-seed/scripts/publish.ts"), "--remote", "--env", "staging", "--dir", articles, "--no-cache"],
      { CLOUDFLARE_API_TOKEN: "wrong-token" },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/401\/403.*"Workers KV Storage: Edit"/);
  }, 240_000);
});

describe("wrangler deploy --env staging against the API stand-in", () => {
  const wrangler = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

  it("uploads the Worker with its staging bindings and consent secret, then its route, cron trigger and both queue consumers", async () => {
    // As docs/deploying.md step 3 has the operator do before the first deploy.
    for (const queue of ["edgewire-receipts-staging", "edgewire-receipts-dead-staging"]) {
      expect((await run([wrangler, "queues", "create", queue])).code).toBe(0);
    }
    // A first deploy must bring the required secret (wrangler.toml [secrets]); later ones use `wrangler secret put`.
    const secrets = join(await mkdtemp(join(tmpdir(), "edgewire-secrets-")), "secrets.json");
    await writeFile(secrets, JSON.stringify({ CONSENT_SECRET: "stand-in-consent-secret-0123456789abcdef" }));
    const result = await run([wrangler, "deploy", "--env", "staging", "--secrets-file", secrets]);
    await rm(secrets, { force: true });
    expect(result.stderr).not.toMatch(/ERROR/);
    expect(result.code).toBe(0);
    const upload = api.scripts.get("edgewire-staging")?.metadata as {
      main_module: string;
      bindings: { name: string; type: string; namespace_id?: string; text?: string; id?: string; queue_name?: string }[];
    };
    expect(upload.main_module).toBe("index.js");
    expect(upload.bindings).toContainEqual(
      expect.objectContaining({ name: "CONTENT", type: "kv_namespace", namespace_id: STAGING_NAMESPACE }),
    );
    expect(upload.bindings).toContainEqual(
      expect.objectContaining({ name: "SITE_URL", type: "plain_text", text: "https://staging.edgewire.example" }),
    );
    expect(upload.bindings).toContainEqual(expect.objectContaining({ name: "DB", type: "d1" }));
    expect(upload.bindings).toContainEqual(
      expect.objectContaining({ name: "PAGEVIEWS", type: "queue", queue_name: "edgewire-staging-pageviews" }),
    );
    expect(upload.bindings).toContainEqual(expect.objectContaining({ name: "CONSENT_SECRET", type: "secret_text" }));
    expect(api.requests.some((r) => r.method === "POST" && r.path.endsWith("/workers/scripts/edgewire-staging/subdomain"))).toBe(
      true,
    );
    expect(upload.bindings).toContainEqual(expect.objectContaining({ name: "DB", type: "d1", id: STAGING_D1 }));
    expect(upload.bindings).toContainEqual(
      expect.objectContaining({ name: "RECEIPTS", type: "queue", queue_name: "edgewire-receipts-staging" }),
    );
    expect(upload.bindings).toContainEqual(expect.objectContaining({ name: "RECEIPT_LIMIT", type: "ratelimit" }));
    expect(api.queues.get("edgewire-receipts-staging")?.consumers).toEqual([
      expect.objectContaining({
        script_name: "edgewire-staging",
        dead_letter_queue: "edgewire-receipts-dead-staging",
        settings: expect.objectContaining({ batch_size: 100, max_retries: 100, max_wait_time_ms: 5000 }),
      }),
    ]);
    const schedules = api.requests.filter(
      (r) => r.method === "PUT" && r.path.endsWith("/workers/scripts/edgewire-staging/schedules"),
    );
    expect(JSON.parse(schedules.at(-1)?.body.toString() ?? "[]")).toEqual([{ cron: "17 3 * * *" }]);
    expect(api.queues.get("edgewire-staging-pageviews")?.consumers).toEqual([
      expect.objectContaining({
        script: "edgewire-staging",
        settings: expect.objectContaining({ batch_size: 100, max_retries: 10 }),
      }),
    ]);
  }, 240_000);

  it("deploys again as a new version, and creates a queue that does not exist yet (as wrangler does)", async () => {
    api.queues.delete("edgewire-staging-pageviews");
    const before = api.requests.length;
    const result = await run([wrangler, "deploy", "--env", "staging"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const created = api.requests.slice(before).find((r) => r.method === "POST" && r.path.endsWith("/queues"));
    expect(created && JSON.parse(created.body.toString())).toMatchObject({ queue_name: "edgewire-staging-pageviews" });
    expect(api.queues.get("edgewire-staging-pageviews")?.consumers).toHaveLength(1);
    // The Worker exists now, so this deploy uploads a version and then deploys it (100 %).
    const later = api.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/^\/accounts\/[^/]+/, "")}`);
    expect(later).toContain("POST /workers/scripts/edgewire-staging/versions");
    expect(later).toContain("POST /workers/scripts/edgewire-staging/deployments");
  }, 240_000);
});
