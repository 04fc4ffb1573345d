-- Consent receipts: one row per stored choice, the proof GDPR Art. 7(1) asks for (docs/consent-records.md).
-- Nothing here identifies a person: no IP address, no user agent, no cookie value. The id is random and is known
-- only to the reader's own consent cookie (and to whoever the reader shows it to).
CREATE TABLE consent_receipts (
  -- 96 random bits, base64url (16 characters): the reader's reference, shown on /consent.
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 16),
  -- When the choice was stored, ISO 8601 UTC with milliseconds (sorts as it reads).
  recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
  -- CONSENT_POLICY_VERSION the choice was made under.
  policy_version INTEGER NOT NULL CHECK (policy_version > 0),
  -- JSON arrays of purpose names, e.g. ["analytics"] and ["marketing"].
  granted TEXT NOT NULL CHECK (json_valid(granted)),
  refused TEXT NOT NULL CHECK (json_valid(refused)),
  -- accept-all | reject-all | custom | opt-out, fixed when the choice was made (the figures count this).
  outcome TEXT NOT NULL CHECK (outcome IN ('accept-all', 'reject-all', 'custom', 'opt-out')),
  -- The jurisdiction entry that applied (e.g. "world", "EEA", "US-CA") and its rule.
  jurisdiction TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (rule IN ('opt-in', 'opt-out')),
  -- ISO 3166-1 alpha-2 country from Cloudflare (request.cf.country), NULL when unknown.
  country TEXT CHECK (country IS NULL OR length(country) = 2),
  -- 1 when the request carried Sec-GPC: 1.
  gpc INTEGER NOT NULL CHECK (gpc IN (0, 1)),
  -- The language the choice was offered in (BCP 47, e.g. "en").
  language TEXT NOT NULL,
  -- Which form stored it: banner | settings | opt-out | unknown.
  form TEXT NOT NULL
) STRICT;

-- Retention deletes by age and the figures filter by date: both walk this index.
CREATE INDEX consent_receipts_recorded_at ON consent_receipts (recorded_at, id);
