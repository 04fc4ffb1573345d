// The cookie-settings page and the privacy policy: what is stored, for how long, and how to change it.
import type { ConsentDecision } from "../consent/decision.ts";
import { ConsentChoiceForm } from "./banner.tsx";
import { formatDate } from "./format.ts";

export type CookieFacts = {
  cookieName: string;
  /** Lifetime of the consent cookie in days. */
  maxAgeDays: number;
  /** Human name of the analytics provider, or null when analytics are off. */
  providerName: string | null;
  /** Cookie names the provider sets (`*` = any suffix). */
  providerCookies: string[];
};

function currentChoiceText(decision: ConsentDecision): string {
  if (decision.choice === "granted") return "You accepted analytics.";
  if (decision.choice === "declined") return "You declined analytics.";
  if (decision.gpc) return "You have not chosen yet. Your browser's Global Privacy Control signal is honoured as Decline.";
  return "You have not chosen yet, so no analytics run.";
}

export function CookieSettingsView({ decision, returnPath }: { decision: ConsentDecision; returnPath: string }) {
  return (
    <section>
      <h1>Cookie settings</h1>
      <p class="consent-current">
        <strong>{currentChoiceText(decision)}</strong>
        {decision.givenAt ? ` Choice made on ${formatDate(decision.givenAt)} (UTC).` : null}
      </p>
      <p>
        Choose whether this site may count your visit with analytics. Declining, now or later, stops analytics at once and removes
        the analytics cookies we know about. See the <a href="/privacy">privacy policy</a> for details.
      </p>
      <ConsentChoiceForm returnPath={returnPath} />
    </section>
  );
}

export function PrivacyView({ facts }: { facts: CookieFacts }) {
  return (
    <section>
      <h1>Privacy policy</h1>
      <h2>The one cookie we set</h2>
      <p>
        <code>{facts.cookieName}</code> remembers your answer to the consent question (Accept or Decline), the version of this
        policy you answered, and when you answered, so you are not asked again. It lasts {facts.maxAgeDays} days, is sent only to
        this site, and cannot be read by scripts. If this policy changes in a way that needs your consent again, we ask again.
      </p>
      <h2>Analytics</h2>
      {facts.providerName === null ? (
        <p>This site runs no analytics.</p>
      ) : (
        <>
          <p>
            Only if you accept, pages include {facts.providerName} to count visits. If you decline, or have not chosen, not one
            analytics byte is sent to your browser. A Global Privacy Control signal from your browser counts as Decline until you
            choose.
          </p>
          {facts.providerCookies.length === 0 ? (
            <p>This analytics sets no cookies.</p>
          ) : (
            <>
              <p>It sets these cookies (a * stands for any ending):</p>
              <ul>
                {facts.providerCookies.map((name) => (
                  <li>
                    <code>{name}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h2>Changing your mind</h2>
      <p>
        Open <a href="/consent">Cookie settings</a> (linked at the foot of every page) and choose Decline. Analytics stop on the
        next page, and we expire the analytics cookies listed above.
      </p>
    </section>
  );
}
