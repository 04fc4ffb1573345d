// The consent banner: server-rendered, in the flow before the site header so it never shifts the page after load.
import type { PageVariant } from "../consent/decision.ts";

export type BannerProps = {
  variant: PageVariant;
  /** Same-site path the form returns to after the choice. */
  returnPath: string;
};

/**
 * Two equal buttons in a plain form: works without JavaScript; each is a real <button> in tab order. `form` names
 * it in the choice's consent receipt.
 */
export function ConsentChoiceForm({ returnPath, form }: { returnPath: string; form: "banner" | "settings" }) {
  return (
    <form class="consent-choice" method="post" action="/consent">
      <input type="hidden" name="return" value={returnPath} />
      <input type="hidden" name="form" value={form} />
      <button type="submit" name="choice" value="granted">
        Accept
      </button>
      <button type="submit" name="choice" value="declined">
        Decline
      </button>
    </form>
  );
}

export function Banner({ variant, returnPath }: BannerProps) {
  if (variant === "decided") return null;
  return (
    <section class="consent-banner" aria-labelledby="consent-banner-title">
      <div class="wrap">
        <h2 id="consent-banner-title">Your privacy choice</h2>
        <p>
          This website stores cookies on your computer. These cookies are used to improve your website experience and provide more
          personalized services to you, both on this website and through other media. To find out more about the cookies we use,
          see our <a href="/privacy">Privacy Policy</a>. We won't track your information when you visit our site. But in order to
          comply with your preferences, we'll have to use just one tiny cookie so that you're not asked to make this choice again.
        </p>
        {variant === "ask-gpc" ? (
          <p class="consent-gpc">
            Your browser sent a Global Privacy Control signal, so until you choose we treat it as Decline: no analytics run and no
            cookie is set. You can still choose below.
          </p>
        ) : null}
        <ConsentChoiceForm returnPath={returnPath} form="banner" />
      </div>
    </section>
  );
}

/** Styles for the banner and the settings form; appended to the page's one stylesheet. */
export const BANNER_STYLES = `
.consent-banner{background:var(--card);border-bottom:1px solid var(--line);padding:.75rem 0;font-size:.95rem}
.consent-banner h2{font-size:1.05rem;margin:0 0 .25rem}
.consent-banner p{margin:0 0 .5rem}
.consent-choice{display:flex;gap:.75rem;flex-wrap:wrap;margin:.5rem 0}
.consent-choice button{flex:1 1 8rem;min-height:2.75rem;font:inherit;font-weight:600;padding:.5rem 1rem;border:2px solid var(--accent);border-radius:.375rem;background:var(--bg);color:var(--fg);cursor:pointer}
.site-footer nav a{margin-right:1rem}
`;
