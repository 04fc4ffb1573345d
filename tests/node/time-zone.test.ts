// Dates and times in the site's time zone (SITE_TIME_ZONE), and the start-up check of that variable.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.ts";
import { en } from "../../src/i18n/en.ts";
import { formatDate, formatDateTime } from "../../src/render/format.ts";
import { TEST_SECRETS } from "../../tools/test-secrets.ts";

describe("formatDateTime", () => {
  it("shows the date, time and zone name in the site's zone, with summer time", () => {
    expect(formatDateTime("2026-11-06T09:15:00Z", en, "Europe/London")).toBe("6 November 2026, 09:15 GMT");
    expect(formatDateTime("2017-08-30T18:00:00+04:00", en, "Europe/London")).toBe("30 August 2017, 15:00 BST");
  });

  it("moves the calendar day with the zone", () => {
    expect(formatDateTime("2026-11-06T23:30:00Z", en, "Asia/Tokyo")).toBe("7 November 2026, 08:30 GMT+9");
    expect(formatDate("2026-11-06T23:30:00Z", en, undefined, "Asia/Tokyo")).toBe("7 November 2026");
    expect(formatDate("2026-11-06T23:30:00Z", en, undefined, "UTC")).toBe("6 November 2026");
  });
});

describe("SITE_TIME_ZONE", () => {
  const vars = {
    SITE_NAME: "Test",
    SITE_URL: "https://news.example",
    CONSENT_POLICY_VERSION: "1",
    CONSENT_MAX_AGE_DAYS: "182",
    ANALYTICS_PROVIDER: "none",
    ...TEST_SECRETS,
  };

  it("accepts an IANA zone and defaults to UTC when unset", () => {
    expect(parseConfig({ ...vars, SITE_TIME_ZONE: "America/New_York" }).site.timeZone).toBe("America/New_York");
    expect(parseConfig(vars).site.timeZone).toBe("UTC");
  });

  it("stops start-up on an unknown zone with a message naming the variable", () => {
    expect(() => parseConfig({ ...vars, SITE_TIME_ZONE: "Mars/Olympus" })).toThrow(
      /SITE_TIME_ZONE: must be an IANA time zone such as Europe\/London or Asia\/Dubai \(got "Mars\/Olympus"\)/,
    );
  });
});
