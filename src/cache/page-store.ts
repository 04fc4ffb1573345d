// The page store: rendered GET pages in isolate memory and the Cache API, one key per page (canonical path and variant),
// fresh only for the content version, deploy and time they were made for; a stale copy or a 503 when KV fails.
// HTTP policy (Cache-Control, Vary, 304) is http-policy.ts; the nonce and its stamping belong to security/.
import type { Context, MiddlewareHandler } from "hono";
import type { ConsentDecision } from "../consent/decision.ts";
import type { Grants } from "../consent/purposes.ts";
import { replaceResponse } from "../context.ts";
import { KvUnavailableError } from "../data/store.ts";
import type { AppEnv } from "../env.ts";
import {
  generateNonce,
  holdsPlaceholder,
  NONCE_PLACEHOLDER,
  nonceSlots,
  stampNonce,
  withNonceStamped,
} from "../security/nonce.ts";
import { contentVersions } from "./content-version.ts";
import { deployIdentity, knownDeployIdentity } from "./deploy.ts";
import { CHANGES_AT_HEADER } from "./freshness.ts";
import { etagFor, ifNoneMatchHits } from "./http.ts";
import { applyHttpPolicy, routeSaysNoStore, STALE_HEADER } from "./http-policy.ts";
import { cacheKeyFor, canonicalPath, isStorableVariant } from "./page-key.ts";
import { PageMemory, type ReadyResponse, type StoredPage } from "./page-memory.ts";
import { grantsTag, requestDecision, requestVariant } from "./variant.ts";

export { STALE_HEADER };
/** Response header naming how the page store answered: HIT, MISS or STALE. */
export const CACHE_STATUS_HEADER = "X-Edgewire-Cache";
/** Internal headers on Cache API copies. Never sent to readers. */
const VERSION_HEADER = "x-edgewire-version";
const DEPLOY_HEADER = "x-edgewire-deploy";
const HASH_HEADER = "x-edgewire-hash";
/** The nonce slots' byte offsets, found when the page was stored, so a copy read back needs no scan of its bytes. */
const SLOTS_HEADER = "x-edgewire-slots";
/** Every internal header a Cache API copy carries; none reaches a reader. */
const INTERNAL_HEADERS = [VERSION_HEADER, DEPLOY_HEADER, HASH_HEADER, SLOTS_HEADER, CHANGES_AT_HEADER];

export type PageStoreOptions = {
  /** How long this isolate trusts the content version it read (ms): the bound on seeing a republish. */
  versionMaxAgeMs?: number;
  /** How long the Cache API keeps a copy (s). Freshness comes from version, deploy and time; this is the stale reach. */
  storeTtl?: number;
  /** How long a 404 for a path is kept (ms, memory only; a publish ends it sooner): repeated misses cost no KV read. */
  notFoundTtlMs?: number;
  /** Paths the store does not keep (they still get the HTTP policy). */
  skip?: (path: string) => boolean;
  /** Bytes of pages each isolate keeps in memory in front of the Cache API. */
  memoryBytes?: number;
  /** Bytes of 404 pages kept apart, so a flood of unknown paths never evicts real pages. */
  notFoundBytes?: number;
  /** The page variant: a short token from the consent layer (see page-key.ts); others are served, never stored. */
  variant?: (c: Context<AppEnv>) => string;
  /** The analytics tag a reader with these grants gets (with the nonce placeholder), or "": the analytics gate's. */
  analyticsTag?: (grants: Grants | undefined) => string;
  /** Puts the tag into a page's bytes (the analytics gate's withTagInHead); null when it cannot. */
  withTag?: (bytes: Uint8Array, tag: string) => Uint8Array | null;
  /**
   * Writes the headers the middlewares outside the store set on every 200 (security/headers.ts: the CSP carrying
   * `nonce`, HSTS, …) into `headers`; false while they are not known yet. With it, a hit's complete header list is
   * built once per page (with the nonce placeholder) and each response is one Response with its nonce spliced in.
   */
  outerHeaders?: (headers: Headers, nonce: string) => boolean;
  /** The cache to use; `caches.default` unless a test gives its own. */
  cache?: () => Cache | Promise<Cache>;
  /** Retry-After on the 503 page when KV fails and no copy exists (s). */
  retryAfter?: number;
  /** The clock (ms); tests move it. */
  now?: () => number;
  /** Told of every hit the store answers, and where: before the app (`early`) or in the middleware. For tests. */
  onHit?: (where: "early" | "middleware") => void;
  /** The 503 page: rendered without KV. */
  unavailable: (c: Context<AppEnv>) => Response | Promise<Response>;
};

export const PAGE_STORE_DEFAULTS = {
  versionMaxAgeMs: 10_000,
  storeTtl: 86_400,
  notFoundTtlMs: 60_000,
  // Static files and image variants are immutable or tiny and never HTML: the routes answer them straight from the bundle or KV.
  skip: (path: string) => path.startsWith("/static/") || path.startsWith("/media/"),
  memoryBytes: 4 * 1024 * 1024,
  notFoundBytes: 1024 * 1024,
  variant: requestVariant,
  analyticsTag: () => "",
  withTag: () => null,
  outerHeaders: () => false,
  cache: () => caches.default,
  retryAfter: 30,
  now: () => Date.now(),
  onHit: () => {},
} satisfies Omit<Required<PageStoreOptions>, "unavailable">;

/**
 * What a hit needs to know about its reader: from the context the middlewares filled, or, for an early hit, worked
 * out from the request alone (app.ts).
 */
export type HitReader = {
  /** The page's path (canonical). */
  path: string;
  /** This response's CSP nonce (security/nonce.ts); undefined when none was made. */
  nonce: string | undefined;
  /** The consent decision: which analytics tag and which ETag the reader's copy carries. */
  decision: ConsentDecision;
  ifNoneMatch: string | undefined;
};

const readerOf = (c: Context<AppEnv>): HitReader => ({
  path: c.req.path,
  nonce: c.get("secureHeadersNonce"),
  decision: requestDecision(c),
  ifNoneMatch: c.req.header("if-none-match"),
});

/** Where a request's page is: its origin, the path as sent and in canonical form, and where the query starts. */
function locate(url: string) {
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  const queryStart = url.indexOf("?", pathStart);
  const raw = queryStart === -1 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
  return { origin: url.slice(0, pathStart), raw, path: canonicalPath(raw), queryStart };
}

/** What a stored copy must match to be served as fresh. */
type Current = { version: string; deploy: string; now: number };
const isFresh = (page: Pick<StoredPage, "version" | "deploy" | "changesAt">, at: Current) =>
  page.version === at.version && page.deploy === at.deploy && (page.changesAt == null || at.now < page.changesAt);

/** The reader's consent as the early hit needs it: the decision and the page variant; null when not known yet. */
export type EarlyConsent = (path: string) => { decision: ConsentDecision; variant: string } | null;

export type PageStore = {
  /** The middleware: hits, misses, storing, the stale fallback and the 503. */
  middleware: MiddlewareHandler<AppEnv>;
  /**
   * A hit answered before the app runs (app.ts puts it in front of Hono): from this isolate's memory alone, with no
   * middleware, no router and no await. Null whenever anything is not already known (the content version, the
   * deploy, the reader's cookie, the outer headers) or the request is not a plain GET of a fresh kept page; the app
   * then answers as usual. Its response is the one the middleware's hit would be (tests/worker/cache/complete-hit).
   */
  early: (request: Request, env: object | undefined, consentOf: EarlyConsent) => Response | null;
};

/** The page store middleware; see docs/caching.md. */
export function pageStore(options: PageStoreOptions): MiddlewareHandler<AppEnv> {
  return createPageStore(options).middleware;
}

/** The page store: its middleware and its early hit, sharing one memory. */
export function createPageStore(options: PageStoreOptions): PageStore {
  const o = { ...PAGE_STORE_DEFAULTS, ...options };
  const versions = contentVersions(o.versionMaxAgeMs, o.now);
  const memory = new PageMemory(o.memoryBytes);
  const notFound = new PageMemory(o.notFoundBytes);

  /** KV failed: the newest page this isolate or the Cache API still has, marked stale, else the 503 page. */
  async function staleOr503(c: Context<AppEnv>, cache: Cache, key: string | null, err: KvUnavailableError) {
    const inMemory = key === null ? undefined : memory.get(key);
    if (inMemory) return staleCopy(c, inMemory.body, inMemory.headers, err);
    const stored = key === null ? undefined : await cache.match(key);
    if (stored) return staleCopy(c, stored.body, stored.headers, err);
    return unavailable(c, err, o);
  }

  /** The reader's response from a kept page: the analytics-bearing bytes when this reader gets the tag, nonce stamped. */
  function answer(c: Context<AppEnv>, key: string, page: StoredPage, variant: string, status: "HIT" | "MISS"): Response {
    const reader = readerOf(c);
    if (status === "HIT") {
      const complete = completeHit(reader, key, page, variant);
      if (complete !== null) {
        o.onHit("middleware");
        c.set("pageFinal", true);
        c.set("responseComplete", true);
        return complete;
      }
    }
    const headers = new Headers(page.headers);
    headers.set(CACHE_STATUS_HEADER, status);
    const finished = finish(reader, key, page);
    if (page.status !== 404)
      headers.set("etag", etagFor(page.hash ?? "0", variant, finished?.tagged === true ? grantsTag(reader.decision) : "-"));
    if (finished !== null) c.set("pageFinal", true);
    // Not finished here (no nonce on the context): the analytics gate and security add the tag and the nonce.
    return new Response(finished?.body ?? page.body, { status: page.status ?? 200, headers });
  }

  /** The bytes this reader gets before the nonce (the analytics-bearing copy when they get the tag), or null. */
  function bytesFor(
    reader: HitReader,
    key: string,
    page: StoredPage,
  ): { body: Uint8Array; slots: number[]; tagged: boolean } | null {
    const tag = o.analyticsTag(reader.decision.grants);
    if (tag === "") return { body: page.body, slots: page.slots, tagged: false };
    if (page.tagged?.tag !== tag) {
      const tagged = o.withTag(page.body, tag);
      if (tagged === null) return null;
      page.tagged = { tag, body: tagged, slots: nonceSlots(tagged) };
      page.ready = { ...page.ready, tagged: undefined };
      // Stored again so its size counts the second copy.
      (page.status === 404 ? notFound : memory).set(key, page);
    }
    return { body: page.tagged.body, slots: page.tagged.slots, tagged: true };
  }

  /** The page's bytes with this response's nonce stamped, and the analytics tag when this reader gets it; or null. */
  function finish(reader: HitReader, key: string, page: StoredPage): { body: Uint8Array; tagged: boolean } | null {
    const nonce = reader.nonce;
    if (nonce === undefined) return null;
    const bytes = bytesFor(reader, key, page);
    const body = bytes === null ? null : stampNonce(bytes.body, bytes.slots, nonce);
    return body === null || bytes === null ? null : { body, tagged: bytes.tagged };
  }

  /**
   * A hit as one complete response: the header list built once per page (and per tag), this response's nonce spliced
   * into it and stamped into the bytes; the middlewares outside leave it as it is. Null when it cannot be (no nonce,
   * outer headers not known yet, or a 304 to answer: the HTTP policy and the security headers make those).
   */
  function completeHit(reader: HitReader, key: string, page: StoredPage, variant: string): Response | null {
    const nonce = reader.nonce;
    if (nonce === undefined) return null;
    const bytes = bytesFor(reader, key, page);
    if (bytes === null) return null;
    const which = bytes.tagged ? "tagged" : "plain";
    const grants = bytes.tagged ? grantsTag(reader.decision) : "-";
    let ready = page.ready?.[which];
    if (ready === undefined || ready.grants !== grants) {
      const made = readyResponse(reader.path, page, variant, grants);
      if (made === null) return null;
      ready = made;
      page.ready = { ...page.ready, [which]: ready };
      (page.status === 404 ? notFound : memory).set(key, page);
    }
    const inm = reader.ifNoneMatch;
    if (inm !== undefined && ready.etag !== null && ifNoneMatchHits(inm, ready.etag)) return null;
    const status = page.status ?? 200;
    const made = ready;
    const res = withNonceStamped(bytes.body, bytes.slots, nonce, (body) => new Response(body, { status, headers: made.headers }));
    if (res === null) return null;
    if (made.nonceAt !== null) res.headers.set(made.nonceAt, made.pieces.join(nonce));
    return res;
  }

  /** What the store, the HTTP policy and the outer (security) headers set on this hit, built once; null if unknown. */
  function readyResponse(path: string, page: StoredPage, variant: string, grants: string): ReadyResponse | null {
    const headers = new Headers(page.headers);
    headers.set(CACHE_STATUS_HEADER, "HIT");
    const etag = page.status === 404 ? null : etagFor(page.hash ?? "0", variant, grants);
    if (etag !== null) headers.set("etag", etag);
    applyHttpPolicy(headers, path, page.status ?? 200);
    if (!o.outerHeaders(headers, NONCE_PLACEHOLDER)) return null;
    let nonceAt: string | null = null;
    let pieces: string[] = [];
    for (const [name, value] of headers) {
      if (!value.includes(NONCE_PLACEHOLDER)) continue;
      if (nonceAt !== null) return null;
      nonceAt = name;
      pieces = value.split(NONCE_PLACEHOLDER);
    }
    if (nonceAt !== null) headers.delete(nonceAt);
    return { headers, etag, grants, nonceAt, pieces };
  }

  function early(request: Request, env: object | undefined, consentOf: EarlyConsent): Response | null {
    if (request.method !== "GET" || request.headers.has("if-none-match")) return null;
    const { origin, raw, path } = locate(request.url);
    if (path !== raw || path.startsWith("//") || o.skip(path)) return null;
    const version = versions.held();
    const deploy = env === undefined ? null : knownDeployIdentity(env);
    if (version === null || deploy === null) return null;
    const reader = consentOf(path);
    if (reader === null || !isStorableVariant(reader.variant)) return null;
    const key = cacheKeyFor(origin, path, reader.variant);
    const page = memory.get(key) ?? notFound.get(key);
    if (page === undefined || !isFresh(page, { version, deploy, now: o.now() })) return null;
    const hit = { path, nonce: generateNonce(), decision: reader.decision, ifNoneMatch: undefined };
    const res = completeHit(hit, key, page, reader.variant);
    if (res !== null) o.onHit("early");
    return res;
  }

  const middleware: MiddlewareHandler<AppEnv> = async function pageStore(c, next) {
    const readable = c.req.method === "GET" || c.req.method === "HEAD";
    if (!readable || o.skip(c.req.path)) {
      await next();
      if (c.error instanceof KvUnavailableError) replaceResponse(c, await unavailable(c, c.error, o));
      return;
    }
    // The path as sent, escapes and all (Hono's c.req.path is decoded); request URLs are already parsed and serialized.
    const url = c.req.url;
    const { origin, raw, path, queryStart } = locate(url);
    // A path that starts with "//" is never redirected: as a Location it would name another host (an open redirect),
    // and no page lives there, so the routes answer it uncached (the 404 page).
    if (path.startsWith("//")) {
      await next();
      return;
    }
    // One URL per page: an alias (`%68` for `h`, `%2f` for `%2F`) is sent to the canonical path, never rendered.
    if (path !== raw) return c.redirect(queryStart === -1 ? path : path + url.slice(queryStart), 301);
    const variant = o.variant(c);
    const key = isStorableVariant(variant) ? cacheKeyFor(origin, path, variant) : null;

    let current: Current;
    const heldVersion = versions.held();
    const knownDeploy = knownDeployIdentity(c.env);
    if (heldVersion !== null && knownDeploy !== null) {
      // The hot path: both already known, so a memory hit is served without awaiting anything.
      current = { version: heldVersion, deploy: knownDeploy, now: o.now() };
    } else {
      try {
        const [version, deploy] = await Promise.all([versions.current(c.env.CONTENT), deployIdentity(c.env)]);
        current = { version, deploy, now: o.now() };
      } catch (err) {
        if (!(err instanceof KvUnavailableError)) throw err;
        return staleOr503(c, await o.cache(), key, err);
      }
    }
    c.set("contentVersion", current.version);
    let hadCopy = false;
    if (key !== null) {
      const inMemory = memory.get(key) ?? notFound.get(key);
      if (inMemory !== undefined && isFresh(inMemory, current)) return answer(c, key, inMemory, variant, "HIT");
      const stored = await (await o.cache()).match(key);
      hadCopy = inMemory !== undefined || stored !== undefined;
      if (stored !== undefined && isFresh(storedMeta(stored.headers), current)) {
        const page = await toPage(stored, { ...storedMeta(stored.headers), hash: stored.headers.get(HASH_HEADER) ?? "0" });
        memory.set(key, page);
        return answer(c, key, page, variant, "HIT");
      }
      await stored?.body?.cancel();
    }

    await next();
    const cache = await o.cache();
    if (c.error instanceof KvUnavailableError) {
      replaceResponse(c, await staleOr503(c, cache, key, c.error));
      return;
    }
    const res = c.res;
    const keepable = key !== null && c.error === undefined && !res.headers.has("set-cookie") && !routeSaysNoStore(res.headers);
    const changesAt = Number(res.headers.get(CHANGES_AT_HEADER)) || null;
    if (res.status === 404 || res.status === 410) {
      // A page that is now gone must not come back as the stale fallback.
      if (key !== null && hadCopy) {
        memory.delete(key);
        await waitUntil(c, cache.delete(key));
      }
      if (res.status === 404 && keepable) {
        const until = Math.min(changesAt ?? Number.POSITIVE_INFINITY, current.now + o.notFoundTtlMs);
        const page = await toPage(res, { ...current, changesAt: until, status: 404 });
        notFound.set(key, page);
        replaceResponse(c, answer(c, key, page, variant, "MISS"));
        return;
      }
    }
    if (res.status !== 200 || !keepable) {
      res.headers.delete(CHANGES_AT_HEADER);
      return;
    }
    const page = await toPage(res, { ...current, changesAt });
    page.hash = await hashOf(page.body);
    memory.set(key, page);
    const headers = new Headers(page.headers);
    headers.set(VERSION_HEADER, page.version);
    headers.set(DEPLOY_HEADER, current.deploy);
    headers.set(HASH_HEADER, page.hash ?? "0");
    headers.set(SLOTS_HEADER, page.slots.join(","));
    if (changesAt !== null) headers.set(CHANGES_AT_HEADER, String(changesAt));
    headers.set("cache-control", `public, max-age=${o.storeTtl}`);
    const put = cache.put(key, new Response(page.body, { status: 200, headers })).catch((err: unknown) => {
      console.error(JSON.stringify({ level: "error", event: "cache.put_failed", message: String(err) }));
    });
    await waitUntil(c, put);
    replaceResponse(c, answer(c, key, page, variant, "MISS"));
  };
  return { middleware, early };
}

/** The freshness facts a Cache API copy carries in its internal headers. */
function storedMeta(headers: Headers): Pick<StoredPage, "version" | "deploy" | "changesAt"> {
  return {
    version: headers.get(VERSION_HEADER) ?? "",
    deploy: headers.get(DEPLOY_HEADER) ?? "",
    changesAt: Number(headers.get(CHANGES_AT_HEADER)) || null,
  };
}

/** Reads a response into the form the store keeps: bytes plus the route's headers, minus caching, cookies, internals. */
async function toPage(res: Response, meta: Omit<StoredPage, "body" | "slots" | "headers">): Promise<StoredPage> {
  const body = new Uint8Array(await res.arrayBuffer());
  const slots = knownSlots(res.headers.get(SLOTS_HEADER), body) ?? nonceSlots(body);
  const headers: [string, string][] = [];
  for (const [k, v] of res.headers) {
    if (!DROPPED_HEADERS.has(k)) headers.push([k, v]);
  }
  return { ...meta, body, slots, headers };
}

/** The slots a Cache API copy names, if each still holds the placeholder (else null: the bytes are scanned). */
function knownSlots(header: string | null, body: Uint8Array): number[] | null {
  if (!header) return null;
  const slots = header.split(",").map(Number);
  return slots.every((at) => Number.isInteger(at) && holdsPlaceholder(body, at)) ? slots : null;
}
const DROPPED_HEADERS = new Set([
  "cache-control",
  "set-cookie",
  "age",
  "cf-cache-status",
  "date",
  "content-length",
  "etag",
  ...INTERNAL_HEADERS,
]);

/** The first 8 bytes of the body's SHA-256, in hex: changes whenever the page's bytes do. */
async function hashOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest).subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function staleCopy(c: Context<AppEnv>, body: BodyInit | null, stored: HeadersInit, err: KvUnavailableError): Response {
  logKvUnavailable(c, err, "stale");
  const headers = new Headers(stored);
  for (const name of [...INTERNAL_HEADERS, "cache-control"]) headers.delete(name);
  headers.set(CACHE_STATUS_HEADER, "STALE");
  headers.set(STALE_HEADER, "kv-unavailable");
  return new Response(body, { status: 200, headers });
}

async function unavailable(
  c: Context<AppEnv>,
  err: KvUnavailableError,
  o: { retryAfter: number; unavailable: PageStoreOptions["unavailable"] },
): Promise<Response> {
  logKvUnavailable(c, err, "503");
  const res = await o.unavailable(c);
  const headers = new Headers(res.headers);
  headers.set("retry-after", String(o.retryAfter));
  return new Response(res.body, { status: 503, headers });
}

/** One structured line: the request id and what failed, nothing about the reader. */
function logKvUnavailable(c: Context<AppEnv>, err: KvUnavailableError, served: "stale" | "503") {
  console.error(
    JSON.stringify({
      level: "error",
      event: "kv.unavailable",
      ray: c.req.header("cf-ray") ?? null,
      path: c.req.path,
      key: err.key,
      reason: err.reason,
      served,
    }),
  );
}

/** Lets the work finish after the response is sent; without an execution context (a bare app.fetch), waits for it. */
async function waitUntil(c: Context<AppEnv>, promise: Promise<unknown>) {
  let ctx: Pick<ExecutionContext, "waitUntil">;
  try {
    ctx = c.executionCtx;
  } catch {
    await promise;
    return;
  }
  ctx.waitUntil(promise);
}
