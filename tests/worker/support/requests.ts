// Test helper: requests as browsers and Cloudflare send them, for the workerd route tests.

/**
 * A same-origin form POST, as Chromium sends it; override any header to make it hostile (an empty value is sent as
 * empty), and give `cf` as Cloudflare's edge would set `request.cf` (country, asn).
 */
export function formPost(url: string, body: string | null, headers: Record<string, string> = {}, cf?: Record<string, unknown>) {
  return new Request(url, {
    method: "POST",
    body,
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(url).origin,
      "sec-fetch-site": "same-origin",
      ...headers,
    },
    ...(cf ? { cf } : {}),
  } as RequestInit);
}
