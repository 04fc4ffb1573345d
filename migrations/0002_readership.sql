-- Readership figures from first-party analytics (docs/readership.md). No reader identifiers of any kind: a row is
-- one page view (recent days) or a day's count, by article, section, country and referring host.

-- One row per counted page view, for the last few days. `id` is random per view (made by the Worker when it
-- queues the view), so a queue redelivery inserts nothing twice.
CREATE TABLE IF NOT EXISTS pageview_events (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,          -- UTC date, YYYY-MM-DD
  slug TEXT NOT NULL,
  section TEXT NOT NULL,
  country TEXT NOT NULL,      -- ISO 3166-1 alpha-2 from request.cf, or XX when unknown
  referrer TEXT NOT NULL      -- referring host, or '' for direct / same-site / not sent
) STRICT;
CREATE INDEX IF NOT EXISTS pageview_events_day ON pageview_events (day);

-- Older days, rolled up by the scheduled handler: one row per (day, article, country, referrer).
CREATE TABLE IF NOT EXISTS pageviews_daily (
  day TEXT NOT NULL,
  slug TEXT NOT NULL,
  section TEXT NOT NULL,
  country TEXT NOT NULL,
  referrer TEXT NOT NULL,
  views INTEGER NOT NULL,
  PRIMARY KEY (day, slug, country, referrer)
) STRICT;
CREATE INDEX IF NOT EXISTS pageviews_daily_slug ON pageviews_daily (slug, day);
