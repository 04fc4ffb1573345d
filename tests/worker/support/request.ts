// Test helper: requests to the Worker under test (its default export, inside workerd), as a browser would send them.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Hono } from "hono";
import { expect } from "vitest";
import type { AppEnv } from "../../../src/env.ts";

/** The origin test requests go to unless a test needs its own (cookie domains, for one). */
export const ORIGIN = "http://example.com";

/** Request helpers for one origin; the module's own exports use ORIGIN. */
export function requestsTo(origin: string) {
  /** Sends a request for `path` (path and query) to the Worker; a redirect comes back as it is, never followed. */
  const send = (path: string, init: RequestInit = {}): Promise<Response> =>
    exports.default.fetch(new Request(`${origin}${path}`, { redirect: "manual", ...init }));

  /** GET `path` with the given request headers. */
  const get = (path: string, headers: Record<string, string> = {}) => send(path, { headers });

  /** The HTML of `path`, after checking it answered 200. */
  const page = async (path: string, headers: Record<string, string> = {}): Promise<string> => {
    const res = await get(path, headers);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  /** A same-origin form POST, as Chromium sends one from a page of the site; override any header to make it hostile. */
  const postForm = (path: string, body: string | null, headers: Record<string, string> = {}) =>
    send(path, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin,
        "sec-fetch-site": "same-origin",
        ...headers,
      },
    });

  return { send, get, page, postForm };
}

export const { send, get, page, postForm } = requestsTo(ORIGIN);

/**
 * Requests to an app a test built with createApp (its own config or page cache) instead of the deployed entry;
 * each waits for the app's background work (`waitUntil`), as the runtime would before the next request.
 */
export function requestsToApp(app: Hono<AppEnv>) {
  return async (path: string, init?: RequestInit, bindings: Env = env): Promise<Response> => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

/** Attributes as `@name`, entities decoded, `entry` and `url` always arrays (feeds and sitemaps). */
const XML = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  htmlEntities: true,
  isArray: (name) => name === "entry" || name === "url",
});

/**
 * GETs an XML document, checks it answered 200 and is well-formed, and with `type` also its content type and XML
 * declaration; returns it parsed.
 */
export async function getXml(path: string, type?: string) {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  if (type !== undefined) expect(res.headers.get("content-type"), path).toBe(type);
  const text = await res.text();
  if (type !== undefined) expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(text), path).toBe(true);
  return XML.parse(text);
}
