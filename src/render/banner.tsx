// The consent banner (opt-in places) and the GPC note (opt-out places): server-rendered, in the flow before the site
// header, so they never shift the page after load and work without JavaScript.
import type { ConsentVariant } from "../consent/decision.ts";
import type { Purpose } from "../consent/purposes.ts";
import type { Messages } from "../i18n/index.ts";
import { useMessages } from "../i18n/index.ts";

export type BannerProps = {
  variant: ConsentVariant;
  /** Same-site path the form returns to after the choice. */
  returnPath: string;
  /** The configured purposes: the default wording leaves out sentences that are not true without marketing. */
  purposes: readonly Purpose[];
  /** The operator's banner text for this language (CONSENT_BANNER_TEXT), replacing the default sentences. */
  text?: string | undefined;
};

/** The default banner text: the reference page's sentences, less the ones the configured purposes make untrue. */
export function defaultBannerText(t: Messages, purposes: readonly Purpose[]): string {
  const sentences = [t.bannerStores, purposes.includes("marketing") ? t.bannerMarketing : null, t.bannerFindOut];
  return [...sentences, t.bannerWontTrack, t.bannerOneCookie].filter((s) => s !== null).join(" ");
}

/** The text with its first mention of the privacy-policy phrase as a link; the link follows when there is none. */
function TextWithPrivacyLink({ text, phrase }: { text: string; phrase: string }) {
  const at = text.indexOf(phrase);
  const link = <a href="/privacy">{phrase}</a>;
  if (at < 0) {
    return (
      <>
        {text} {link}
      </>
    );
  }
  return (
    <>
      {text.slice(0, at)}
      {link}
      {text.slice(at + phrase.length)}
    </>
  );
}

/** Accept all and Reject all: equal buttons in a plain form (no JavaScript needed), each a real <button> in tab order. */
export function ConsentChoiceButtons() {
  const t = useMessages();
  return (
    <>
      <button type="submit" name="choice" value="all">
        {t.acceptAll}
      </button>
      <button type="submit" name="choice" value="none">
        {t.rejectAll}
      </button>
    </>
  );
}

/** Where "Manage choices" leads: the per-purpose form, returning afterwards to this page. */
export function manageHref(returnPath: string): string {
  return returnPath === "/" ? "/consent" : `/consent?${new URLSearchParams({ return: returnPath })}`;
}

export function Banner({ variant, returnPath, purposes, text }: BannerProps) {
  const t = useMessages();
  if (variant === "optout-gpc") {
    return (
      <p class="gpc-note" role="status">
        <span class="wrap">{t.gpcHonoured}</span>
      </p>
    );
  }
  if (variant !== "ask" && variant !== "ask-gpc") return null;
  return (
    <section class="consent-banner" aria-labelledby="consent-banner-title">
      <div class="wrap">
        <h2 id="consent-banner-title">{t.bannerTitle}</h2>
        <p>
          <TextWithPrivacyLink text={text ?? defaultBannerText(t, purposes)} phrase={t.bannerPrivacyLink} />
        </p>
        {variant === "ask-gpc" ? <p class="consent-gpc">{t.bannerGpc}</p> : null}
        <form class="consent-choice" method="post" action="/consent">
          <input type="hidden" name="return" value={returnPath} />
          <input type="hidden" name="form" value="banner" />
          <input type="hidden" name="lang" value={t.lang} />
          <ConsentChoiceButtons />
          <a class="consent-manage" href={manageHref(returnPath)}>
            {t.manageChoices}
          </a>
        </form>
      </div>
    </section>
  );
}

/** Styles for the banner, the GPC note and the choices form; appended to the page's one stylesheet. */
export const BANNER_STYLES = `
.consent-banner{background:var(--card);border-bottom:1px solid var(--line);padding:.375rem 0 .5rem;font-size:.8125rem;line-height:1.4}
.consent-banner h2{font-size:.9375rem;margin:0}
.consent-banner p{margin:0 0 .25rem}
.consent-choice{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:.25rem 0 0}
.consent-choice button{flex:1 1 6.5rem;min-height:2.75rem;font:inherit;font-weight:600;padding:.375rem .75rem;border:2px solid var(--accent);border-radius:.375rem;background:var(--bg);color:var(--fg);cursor:pointer}
.consent-manage{display:inline-block;padding:.625rem .25rem;font-weight:600}
.gpc-note{margin:0;padding:.375rem 0;background:var(--card);border-bottom:1px solid var(--line);font-size:.875rem}
.purposes{border:0;padding:0;margin:1rem 0}
.purpose{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;align-items:start;padding:.75rem 0;border-bottom:1px solid var(--line)}
.purpose input{width:1.5rem;height:1.5rem;margin:.125rem 0 0}
.purpose label{font-weight:600}
.purpose p{grid-column:2;margin:0;color:var(--muted);font-size:.95rem}
.site-footer nav a{margin-inline-end:1rem}
`;
