// Dates and times in the site's time zone (SITE_TIME_ZONE), and the start-up check of that variable.
import { describe, expect, it } from "vitest";
import { checkTimeZone, formatDate, formatDateTime } from "../../src/render/format.ts";

describe("formatDateTime", () => {
  it("shows the date, time and zone name in the site's zone, with summer time", () => {
    expect(formatDateTime("2026-11-06T09:15:00Z", "Europe/London")).toBe("6 November 2026, 09:15 GMT");
    expect(formatDateTime("2017-08-30T18:00:00+04:00", "Europe/London")).toBe("30 August 2017, 15:00 BST");
  });

  it("moves the calendar day with the zone", () => {
    expect(formatDateTime("2026-11-06T23:30:00Z", "Asia/Tokyo")).toBe("7 November 2026, 08:30 GMT+9");
    expect(formatDate("2026-11-06T23:30:00Z", "Asia/Tokyo")).toBe("7 November 2026");
    expect(formatDate("2026-11-06T23:30:00Z", "UTC")).toBe("6 November 2026");
  });
});

describe("checkTimeZone", () => {
  it("accepts an IANA zone and defaults to UTC when unset", () => {
    expect(checkTimeZone("America/New_York")).toBe("America/New_York");
    expect(checkTimeZone(undefined)).toBe("UTC");
  });

  it("refuses an unknown zone with a message naming the variable", () => {
    expect(() => checkTimeZone("Mars/Olympus")).toThrow(
      'Invalid wrangler.toml [vars]: SITE_TIME_ZONE: must be an IANA time zone such as Europe/London (got "Mars/Olympus")',
    );
  });
});
