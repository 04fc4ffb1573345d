// A local stand-in for the Cloudflare API v4 endpoints that `npm run publish -- --remote` and `wrangler deploy` call,
// answering in Cloudflare's documented envelope ({success, errors, messages, result}). It records every request, keeps
// KV in memory, and fails the next matching requests on demand (429, 5xx, 401, 403) to test retries and messages.
// Point wrangler at it with CLOUDFLARE_API_BASE_URL=<url>/client/v4. Used by tests/node/remote-path.test.ts.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { method: string; path: string; query: string; contentType?: string; body: Buffer };
/** Fail the next `times` requests whose method (if given) and path match, with this status. */
export type Fault = { match: RegExp; method?: string; status: number; times: number; retryAfter?: number };

export type StandIn = {
  url: string;
  accountId: string;
  token: string;
  requests: RecordedRequest[];
  /** KV contents per namespace id. */
  kv: Map<string, Map<string, string>>;
  /** Worker scripts uploaded, by name: the multipart body's metadata part. */
  scripts: Map<string, { metadata: unknown }>;
  fail: (fault: Fault) => void;
  close: () => Promise<void>;
};

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

/** Starts the stand-in on a free loopback port. It accepts one account and one API token. */
export async function startStandIn(accountId = "0123456789abcdef0123456789abcdef", token = "test-token"): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const kv = new Map<string, Map<string, string>>();
  const scripts = new Map<string, { metadata: unknown }>();
  const faults: Fault[] = [];
  const namespace = (id = "") => kv.get(id) ?? kv.set(id, new Map()).get(id) ?? new Map<string, string>();
  const json = <T>(r: RecordedRequest) => JSON.parse(r.body.toString()) as T;
  const putPairs: Handler = (m, r) => {
    const pairs = json<{ key: string; value: string }[]>(r);
    for (const p of pairs) namespace(m[1]).set(p.key, p.value);
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
    ["GET", /^\/workers\/scripts\/([^/]+)\/settings$/, () => ok({ logpush: false, observability: { enabled: true } })],
    ["PATCH", /^\/workers\/scripts\/([^/]+)\/script-settings$/, () => ok({})],
    [
      "GET",
      /^\/workers\/workers\/([^/]+)$/,
      (m) => ok({ id: m[1], name: m[1], subdomain: { enabled: true, previews_enabled: false } }),
    ],
    ["POST", /^\/workers\/scripts\/([^/]+)\/subdomain$/, () => ok({ enabled: true, previews_enabled: false })],
    ["PUT", /^\/workers\/scripts\/([^/]+)\/schedules$/, (_m, r) => ok({ schedules: json<unknown[]>(r) })],
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
    if (request.method === "PUT" && /^\/workers\/scripts\/[^/]+$/.test(rest)) {
      const name = rest.split("/").at(-1) ?? "";
      scripts.set(name, { metadata: await scriptMetadata(request) });
      return ok({ id: name, etag: "etag", handlers: ["fetch"], deployment_id: "stand-in-version-1" });
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
    const raw = typeof body === "string";
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
    fail: (fault) => faults.push({ ...fault }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
