// The markup each analytics provider needs in <head>, carrying the response's CSP nonce. Pure.
import { html } from "hono/html";
import type { AnalyticsConfig } from "../config/index.ts";
import type { Grants } from "../consent/purposes.ts";

/** Where the Worker serves the first-party analytics script, and where that script reports page views. */
export const FIRST_PARTY_SCRIPT_PATH = "/analytics.js";
export const FIRST_PARTY_COLLECT_PATH = "/analytics/collect";

/** JSON that is safe inside an inline <script>: no `<` can close the element. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The provider's tag as an HTML string (empty for `none`); attribute values are escaped by Hono's `html`. The caller
 * checks that the provider may run (`providerRuns`); `grants` sets what GA4's Consent Mode signals say.
 */
export function analyticsTag(config: AnalyticsConfig, nonce: string, grants: Grants): string {
  switch (config.provider) {
    case "first-party":
      return html`<script nonce="${nonce}" src="${FIRST_PARTY_SCRIPT_PATH}" defer></script>`.toString();
    case "ga4": {
      // Consent Mode v2: the state is written before gtag.js loads, so there is no denied-then-granted race.
      // analytics_storage follows analytics; the three advertising signals follow marketing.
      const state = (purpose: "analytics" | "marketing") => (grants.includes(purpose) ? "granted" : "denied");
      const consent = inlineJson({
        ad_storage: state("marketing"),
        ad_user_data: state("marketing"),
        ad_personalization: state("marketing"),
        analytics_storage: state("analytics"),
      });
      const id = inlineJson(config.measurementId);
      const src = `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(config.measurementId)}`;
      return [
        `<script nonce="${html`${nonce}`}">window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}`,
        `gtag("consent","default",${consent});gtag("js",new Date());gtag("config",${id});</script>`,
        html`<script nonce="${nonce}" async src="${src}"></script>`.toString(),
      ].join("");
    }
    case "hubspot": {
      const src = `https://js.hs-scripts.com/${encodeURIComponent(config.portalId)}.js`;
      return html`<script nonce="${nonce}" id="hs-script-loader" async defer src="${src}"></script>`.toString();
    }
    case "script":
      return html`<script nonce="${nonce}" defer src="${config.scriptUrl}"></script>`.toString();
    case "none":
      return "";
  }
}

/**
 * The first-party analytics script: reports the page's path and the referring page's host (never its path or query)
 * once, with no identifiers and no cookies.
 */
export const FIRST_PARTY_SCRIPT = `(()=>{let r="";try{r=document.referrer?new URL(document.referrer).host:""}catch{}
const b=JSON.stringify({path:location.pathname,ref:r});
if(!(navigator.sendBeacon&&navigator.sendBeacon(${inlineJson(FIRST_PARTY_COLLECT_PATH)},new Blob([b],{type:"text/plain"}))))
fetch(${inlineJson(FIRST_PARTY_COLLECT_PATH)},{method:"POST",body:b,keepalive:true,headers:{"content-type":"text/plain"}});})();
`;
