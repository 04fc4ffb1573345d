// A local stand-in for the Cloudflare API v4 endpoints that `npm run publish -- --remote` and `wrangler deploy` call,
// answering in Cloudflare's documented envelope ({success, errors, messages, result}). It records every request, keeps
// KV in memory, and fails the next matching requests on demand (429, 5xx, 401, 403) to test retries and messages.
// Point wrangler at it with CLOUDFLARE_API_BASE_URL=<url>/client/v4. Used by tests/node/remote-path.test.ts.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A stored KV value: bulk writes marked `base64: true` are decoded to bytes, as Cloudflare's API does. */
export type KvValue = string | Buffer;

export type RecordedRequest = { method: string; path: string; query: string; contentType?: string; body: Buffer };
/** Fail the next `times` requests whose method (if given) and path match, with this status. */
export type Fault = { match: RegExp; method?: string; status: number; times: number; retryAfter?: number };

export type StandIn = {
  url: string;
  accountId: string;
  token: string;
  requests: RecordedRequest[];
  /** KV contents per namespace id: text, or the decoded bytes of a value written with `base64: true` (images). */
  kv: Map<string, Map<string, KvValue>>;
  /** Worker scripts uploaded, by name: the multipart body's metadata part. */
  scripts: Map<string, { metadata: unknown }>;
  /** Queues that exist (as after `wrangler queues create`), by name, with the consumers deploys attached. */
  queues: Map<string, Queue>;
  fail: (fault: Fault) => void;
  close: () => Promise<void>;
};

type Consumer = { consumer_id: string; type: "worker"; script: string; settings: unknown } & Record<string, unknown>;
type Queue = { queue_id: string; queue_name: string; consumers: Consumer[] };
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type Handler = (match: RegExpMatchArray, request: RecordedRequest, url: URL) => Answer;

const ok = (result: unknown, extra: Record<string, unknown> = {}): Answer => ({
  status: 200,
  body: { success: true, errors: [], messages: [], result, ...extra },
});
const fail = (status: number, code: number, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
  headers,
});
/** Cloudflare's codes for the statuses a fault can take (https://developers.cloudflare.com/fundamentals/api/). */
const FAULTS: Record<number, [number, string]> = {
  401: [10000, "Authentication error"],
  403: [10000, "Authentication error"],
  429: [10013, "Too many requests"],
  500: [10001, "Internal server error"],
  502: [10001, "Bad gateway"],
  503: [10001, "Service unavailable"],
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The metadata part of a Workers script upload (multipart/form-data), parsed by the platform's own FormData. */
async function scriptMetadata(request: RecordedRequest): Promise<unknown> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": request.contentType ?? "" },
  }).formData();
  const part = form.get("metadata");
  return typeof part === "string" ? JSON.parse(part) : JSON.parse(await (part as Blob).text());
}

export type StandInOptions = { accountId?: string; token?: string; queues?: string[] };

/** Starts the stand-in on a free loopback port. It accepts one account and one API token. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const { accountId = "0123456789abcdef0123456789abcdef", token = "test-token" } = options;
  const queues = new Map<string, Queue>(
    (options.queues ?? []).map((name, i) => [name, { queue_id: `queue-${i + 1}`, queue_name: name, consumers: [] }]),
  );
  // Ids are never reused, also after a queue was deleted.
  let queueIds = queues.size;
  const queueById = (id = "") => [...queues.values()].find((q) => q.queue_id === id);
  const requests: RecordedRequest[] = [];
  const kv = new Map<string, Map<string, KvValue>>();
  const scripts = new Map<string, { metadata: unknown }>();
  const faults: Fault[] = [];
  const namespace = (id = "") => kv.get(id) ?? kv.set(id, new Map()).get(id) ?? new Map<string, KvValue>();
  const json = <T>(r: RecordedRequest) => JSON.parse(r.body.toString()) as T;
  const putPairs: Handler = (m, r) => {
    const pairs = json<{ key: string; value: string; base64?: boolean }[]>(r);
    for (const p of pairs) namespace(m[1]).set(p.key, p.base64 ? Buffer.from(p.value, "base64") : p.value);
    return ok({ successful_key_count: pairs.length, unsuccessful_keys: [] });
  };
  const deleteKeys: Handler = (m, r) => {
    const keys = json<string[]>(r);
    for (const k of keys) namespace(m[1]).delete(k);
    return ok({ successful_key_count: keys.length, unsuccessful_keys: [] });
  };

  // Paths are below /accounts/<id>; shapes follow https://developers.cloudflare.com/api/ (KV namespaces, Workers scripts).
  const routes: [string, RegExp, Handler][] = [
    ["PUT", /^\/storage\/kv\/namespaces\/([^/]+)\/bulk$/, putPairs],
    ["DELETE", /^\/storage\/kv\/namespaces\/([^/]+)\/bulk$/, deleteKeys],
    ["POST", /^\/storage\/kv\/namespaces\/([^/]+)\/bulk\/delete$/, deleteKeys],
    [
      "GET",
      /^\/storage\/kv\/namespaces\/([^/]+)\/values\/(.+)$/,
      (m) => {
        const value = namespace(m[1]).get(decodeURIComponent(m[2] ?? ""));
        return value === undefined ? fail(404, 10009, "get: 'key not found'") : { status: 200, body: value };
      },
    ],
    [
      "GET",
      /^\/storage\/kv\/namespaces\/([^/]+)\/keys$/,
      (m, _r, url) => {
        const prefix = url.searchParams.get("prefix") ?? "";
        const limit = Number(url.searchParams.get("limit") ?? 1000);
        const start = Number(url.searchParams.get("cursor") || 0);
        const keys = [...namespace(m[1]).keys()].filter((k) => k.startsWith(prefix)).sort();
        const page = keys.slice(start, start + limit).map((name) => ({ name }));
        const cursor = start + limit < keys.length ? String(start + limit) : "";
        return ok(page, { result_info: { count: page.length, cursor } });
      },
    ],
    [
      "GET",
      /^\/storage\/kv\/namespaces$/,
      () => ok([...kv.keys()].map((id) => ({ id, title: id, supports_url_encoding: true }))),
    ],
    [
      "GET",
      /^\/workers\/services\/([^/]+)$/,
      (m) =>
        scripts.has(m[1] ?? "")
          ? ok({ id: m[1], default_environment: { environment: "production", script: { id: m[1], handlers: ["fetch"] } } })
          : fail(404, 10090, "workers.api.error.service_not_found"),
    ],
    ["GET", /^\/workers\/scripts\/([^/]+)\/secrets$/, () => ok([])],
    ["GET", /^\/workers\/subdomain$/, () => ok({ subdomain: "edgewire-test" })],
    ["GET", /^\/workers\/scripts\/([^/]+)\/deployments$/, () => ok({ deployments: [] })],
    [
      "POST",
      /^\/workers\/scripts\/([^/]+)\/deployments$/,
      (_m, r) => ok({ id: "stand-in-deployment", strategy: "percentage", versions: json<{ versions: unknown[] }>(r).versions }),
    ],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/settings$/,
      () => ok({ bindings: [], logpush: false, observability: { enabled: true }, tail_consumers: [] }),
    ],
    ["PATCH", /^\/workers\/scripts\/([^/]+)\/script-settings$/, () => ok({})],
    [
      "GET",
      /^\/workers\/workers\/([^/]+)$/,
      (m) => ok({ id: m[1], name: m[1], subdomain: { enabled: true, previews_enabled: false } }),
    ],
    ["POST", /^\/workers\/scripts\/([^/]+)\/subdomain$/, () => ok({ enabled: true, previews_enabled: false })],
    ["PUT", /^\/workers\/scripts\/([^/]+)\/schedules$/, (_m, r) => ok({ schedules: json<unknown[]>(r) })],
    [
      "GET",
      /^\/queues$/,
      (_m, _r, url) => {
        const name = url.searchParams.get("name");
        return ok([...queues.values()].filter((q) => name === null || q.queue_name === name));
      },
    ],
    [
      "POST",
      /^\/queues$/,
      (_m, r) => {
        const name = json<{ queue_name: string }>(r).queue_name;
        if (queues.has(name)) return fail(409, 11009, "A queue with this name already exists");
        const queue: Queue = { queue_id: `queue-${++queueIds}`, queue_name: name, consumers: [] };
        queues.set(name, queue);
        return ok(queue);
      },
    ],
    [
      "POST",
      /^\/queues\/([^/]+)\/consumers$/,
      (m, r) => {
        const queue = queueById(m[1]);
        if (!queue) return fail(404, 11000, "Queue not found");
        // Kept as sent (script_name, settings, dead_letter_queue), plus what the API adds.
        const body = json<{ script_name?: string; settings?: unknown } & Record<string, unknown>>(r);
        const consumer: Consumer = {
          ...body,
          consumer_id: `consumer-${queue.consumers.length + 1}`,
          type: "worker",
          script: body.script_name ?? "",
          settings: body.settings,
        };
        queue.consumers.push(consumer);
        return ok(consumer);
      },
    ],
    [
      "PUT",
      /^\/queues\/([^/]+)\/consumers\/([^/]+)$/,
      (m, r) => {
        const consumer = queueById(m[1])?.consumers.find((c) => c.consumer_id === m[2]);
        if (!consumer) return fail(404, 11000, "Consumer not found");
        consumer.settings = json<{ settings?: unknown }>(r).settings;
        return ok(consumer);
      },
    ],
  ];

  async function answer(request: RecordedRequest, url: URL, authorization?: string): Promise<Answer> {
    const fault = faults.find((f) => f.times > 0 && (!f.method || f.method === request.method) && f.match.test(request.path));
    if (fault) {
      fault.times--;
      const [code, message] = FAULTS[fault.status] ?? [10000, "error"];
      return fail(fault.status, code, message, fault.retryAfter ? { "retry-after": String(fault.retryAfter) } : undefined);
    }
    if (authorization !== `Bearer ${token}`) return fail(401, 10000, "Authentication error");
    if (request.path === "/user/tokens/verify") return ok({ id: "token", status: "active" });
    if (request.path === "/memberships") return ok([{ account: { id: accountId, name: "Edgewire" } }]);
    const account = request.path.match(/^\/accounts\/([^/]+)(\/.*)$/);
    if (!account) return fail(404, 7003, `No route for ${request.method} ${request.path}`);
    if (account[1] !== accountId) return fail(403, 10000, "Authentication error");
    const rest = account[2] ?? "";
    // A first deploy uploads the script itself; later ones upload a version and then deploy it.
    const upload = rest.match(/^\/workers\/scripts\/([^/]+)(\/versions)?$/);
    if (upload && (request.method === "PUT" || (request.method === "POST" && upload[2]))) {
      const name = upload[1] ?? "";
      const version = `stand-in-version-${requests.filter((r) => /\/workers\/scripts\/[^/]+(\/versions)?$/.test(r.path) && r.method !== "GET").length}`;
      scripts.set(name, { metadata: await scriptMetadata(request) });
      return upload[2]
        ? ok({
            id: version,
            number: 2,
            startup_time_ms: 1,
            metadata: { source: "wrangler" },
            resources: {
              bindings: [],
              script: { etag: "etag", handlers: ["fetch", "queue", "scheduled"] },
              script_runtime: { compatibility_date: "2026-10-01" },
            },
          })
        : ok({ id: name, etag: "etag", handlers: ["fetch"], deployment_id: version });
    }
    for (const [method, pattern, handler] of routes) {
      const m = method === request.method ? rest.match(pattern) : null;
      if (m) return handler(m, request, url);
    }
    return fail(404, 7003, `No route for ${request.method} ${request.path}`);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname.replace(/^\/client\/v4/, ""),
      query: url.search,
      contentType: req.headers["content-type"],
      body: await readBody(req),
    };
    requests.push(request);
    const { status, body, headers } = await answer(request, url, req.headers.authorization);
    const raw = typeof body === "string" || Buffer.isBuffer(body);
    res.writeHead(status, { "content-type": raw ? "application/octet-stream" : "application/json", ...headers });
    res.end(raw ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountId,
    token,
    requests,
    kv,
    scripts,
    queues,
    fail: (fault) => faults.push({ ...fault }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
