// The consent page (per-purpose choices, or "Your Privacy Choices" where the opt-out rule applies) and the privacy
// policy: every purpose, every provider with its purposes and cookies, and the consent cookie.
import type { ConsentDecision } from "../consent/decision.ts";
import type { Purpose } from "../consent/purposes.ts";
import { formatDateIn, type Messages, useMessages } from "../i18n/index.ts";
import { ConsentChoiceButtons } from "./banner.tsx";

/** A provider as the privacy page and the consent form describe it. */
export type ProviderFacts = {
  name: string;
  /** Purposes it needs to run, then those that only widen what it does. */
  purposes: readonly Purpose[];
  /** Cookie names it sets (`*` = any suffix), with the purpose each serves. */
  cookies: readonly { name: string; purpose: Purpose }[];
};

export type CookieFacts = {
  cookieName: string;
  /** Lifetime of the consent cookie in days. */
  maxAgeDays: number;
  /** How long consent receipts are kept (RECEIPT_RETENTION_DAYS). */
  receiptDays: number;
  purposes: readonly Purpose[];
  providers: readonly ProviderFacts[];
};

export function purposeName(t: Messages, purpose: Purpose): string {
  return purpose === "analytics" ? t.purposeAnalytics : t.purposeMarketing;
}

function purposeText(t: Messages, purpose: Purpose): string {
  return purpose === "analytics" ? t.purposeAnalyticsText : t.purposeMarketingText;
}

function currentChoiceText(t: Messages, decision: ConsentDecision): string {
  if (decision.decided) {
    return decision.grants.length === 0
      ? t.currentRejected
      : t.currentGranted(decision.grants.map((p) => purposeName(t, p)).join(t.listSeparator));
  }
  if (decision.rule === "opt-out") return t.currentOptOutDefault;
  return decision.gpc ? t.currentNoneGpc : t.currentNone;
}

function usedBy(t: Messages, facts: CookieFacts, purpose: Purpose): string {
  const names = facts.providers.filter((p) => p.purposes.includes(purpose)).map((p) => p.name);
  return names.length === 0 ? t.noProviders : `${t.providersFor} ${names.join(t.listSeparator)}`;
}

export type ConsentSettingsProps = { decision: ConsentDecision; returnPath: string; facts: CookieFacts };

/** Per-purpose checkboxes, Save choices, Accept all and Reject all: one plain form, 303 back to `returnPath`. */
export function ConsentSettingsView({ decision, returnPath, facts }: ConsentSettingsProps) {
  const t = useMessages();
  const optOut = decision.rule === "opt-out";
  return (
    <section>
      <h1>{optOut ? t.choicesTitle : t.settingsTitle}</h1>
      {optOut && decision.gpc ? <p class="consent-gpc">{t.gpcHonoured}</p> : null}
      <p class="consent-current">
        <strong>{currentChoiceText(t, decision)}</strong>
        {decision.givenAt ? t.choiceMadeOn(formatDateIn(t, decision.givenAt)) : null}
      </p>
      {decision.receiptId ? (
        <p class="consent-receipt">
          {t.receiptLead} <code>{decision.receiptId}</code>. {t.receiptText}
        </p>
      ) : null}
      <p>
        {optOut ? t.optOutIntro : t.settingsIntro} <a href="/privacy">{t.seePrivacy}</a>
      </p>
      <form class="consent-form" method="post" action="/consent">
        <input type="hidden" name="return" value={returnPath} />
        <input type="hidden" name="form" value={optOut ? "opt-out" : "settings"} />
        <input type="hidden" name="lang" value={t.lang} />
        <fieldset class="purposes">
          <legend class="vh">{optOut ? t.choicesTitle : t.settingsTitle}</legend>
          <div class="purpose">
            <input type="checkbox" id="purpose-necessary" checked disabled />
            <label for="purpose-necessary">{t.purposeNecessary}</label>
            <p>{t.purposeNecessaryText}</p>
          </div>
          {facts.purposes.map((purpose) => {
            // Under the opt-out rule GPC is a standing opt-out of marketing: the box shows it and cannot undo it.
            const locked = optOut && decision.gpc && purpose === "marketing";
            return (
              <div class="purpose">
                <input
                  type="checkbox"
                  name="purpose"
                  value={purpose}
                  id={`purpose-${purpose}`}
                  checked={decision.grants.includes(purpose)}
                  disabled={locked}
                />
                <label for={`purpose-${purpose}`}>
                  {optOut && purpose === "marketing" ? t.optOutMarketing : purposeName(t, purpose)}
                </label>
                <p>
                  {purposeText(t, purpose)} {usedBy(t, facts, purpose)}
                </p>
              </div>
            );
          })}
        </fieldset>
        <div class="consent-choice">
          <button type="submit" name="choice" value="custom">
            {t.saveChoices}
          </button>
          <ConsentChoiceButtons />
        </div>
      </form>
    </section>
  );
}

export function PrivacyView({ facts }: { facts: CookieFacts }) {
  const t = useMessages();
  return (
    <section>
      <h1>{t.privacyTitle}</h1>
      <h2>{t.privacyPurposes}</h2>
      <dl>
        <dt>{t.purposeNecessary}</dt>
        <dd>{t.purposeNecessaryText}</dd>
        {facts.purposes.map((purpose) => (
          <>
            <dt>{purposeName(t, purpose)}</dt>
            <dd>
              {purposeText(t, purpose)} {usedBy(t, facts, purpose)}
            </dd>
          </>
        ))}
      </dl>
      <h2>{t.privacyProviders}</h2>
      {facts.providers.length === 0 ? <p>{t.privacyNoAnalytics}</p> : null}
      {facts.providers.map((provider) => (
        <section class="provider">
          <h3>{provider.name}</h3>
          <p>
            {t.privacyProviderPurposes} {provider.purposes.map((p) => purposeName(t, p)).join(t.listSeparator)}
          </p>
          {provider.cookies.length === 0 ? (
            <p>{t.privacyProviderNoCookies}</p>
          ) : (
            <>
              <p>{t.privacyProviderCookies}</p>
              <ul>
                {provider.cookies.map((cookie) => (
                  <li>
                    <code>{cookie.name}</code> ({purposeName(t, cookie.purpose)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
      <h2>{t.privacyConsentCookie}</h2>
      <p>{t.privacyConsentCookieText(facts.cookieName, facts.maxAgeDays)}</p>
      <h2>{t.privacyRecord}</h2>
      <p>{t.privacyRecordText(facts.receiptDays)}</p>
      <h2>{t.privacyRegions}</h2>
      <p>{t.privacyRegionsText}</p>
      <h2>{t.privacyChanging}</h2>
      <p>{t.privacyChangingText}</p>
    </section>
  );
}
