-- Issue #5, consent, cookies and marketing.
--
-- PRV-CHANGE-1: the privacy notice is versioned; the banner asks again when a newer version is
-- published, and every stored choice names the version it was given under.
CREATE TABLE privacy_notice_version (
  version integer PRIMARY KEY CHECK (version > 0),
  published_on date NOT NULL,
  summary_en text NOT NULL CHECK (char_length(summary_en) BETWEEN 1 AND 4000),
  summary_nl text NOT NULL CHECK (char_length(summary_nl) BETWEEN 1 AND 4000),
  changes_en text NOT NULL CHECK (char_length(changes_en) BETWEEN 1 AND 4000),
  changes_nl text NOT NULL CHECK (char_length(changes_nl) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO privacy_notice_version (version, published_on, summary_en, summary_nl, changes_en, changes_nl) VALUES (
  1,
  '2026-01-01',
  'We use your personal data to quote, issue and service your insurance, to handle claims, to collect premium and to meet our legal duties. We do not sell your personal data. Functional cookies keep the site working; analytics and advertising cookies are used only when you allow them. You may ask for access, correction, deletion, restriction or a copy of your data, object to direct marketing and withdraw a consent at any time.',
  'Wij gebruiken uw persoonsgegevens om uw verzekering te offreren, af te sluiten en te beheren, om schades te behandelen, om premie te innen en om aan onze wettelijke plichten te voldoen. Wij verkopen uw persoonsgegevens niet. Functionele cookies laten de site werken; analytische en advertentiecookies gebruiken wij alleen als u daar toestemming voor geeft. U kunt om inzage, correctie, verwijdering, beperking of een kopie van uw gegevens vragen, bezwaar maken tegen direct marketing en een toestemming altijd intrekken.',
  'First version of this privacy notice.',
  'Eerste versie van deze privacyverklaring.'
);

-- PRV-COOKIE-1: each cookie choice is kept as proof. consent_id is the random id held in the
-- browser's functional consent cookie (several choices of one browser share it); the IP address is
-- stored masked (IPv4 /24, IPv6 /48) so the proof identifies no device.
CREATE TABLE cookie_consent (
  id uuid PRIMARY KEY,
  consent_id uuid NOT NULL,
  notice_version integer NOT NULL REFERENCES privacy_notice_version (version),
  analytics boolean NOT NULL,
  advertising boolean NOT NULL,
  method text NOT NULL CHECK (method IN ('accept_all', 'refuse_all', 'custom', 'gpc')),
  -- Whether the browser sent Global Privacy Control with this choice.
  gpc boolean NOT NULL,
  user_id uuid REFERENCES app_user (id),
  masked_ip text CHECK (char_length(masked_ip) <= 64),
  user_agent text CHECK (char_length(user_agent) <= 512),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX cookie_consent_browser ON cookie_consent (consent_id, recorded_at);
CREATE INDEX cookie_consent_user ON cookie_consent (user_id) WHERE user_id IS NOT NULL;

-- PRV-BEACON-1: first-party page statistics, counts per route per day and nothing else: no
-- identifier, no cookie, no IP address.
CREATE TABLE page_view_count (
  day date NOT NULL,
  path text NOT NULL CHECK (char_length(path) BETWEEN 1 AND 200),
  views bigint NOT NULL CHECK (views >= 0),
  PRIMARY KEY (day, path)
);

-- PRV-RIGHT-7: consents per purpose. Withdrawal sets withdrawn_at and stops the processing from
-- then on; the row stays, as proof that the earlier processing was lawful.
CREATE TABLE consent_record (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  purpose text NOT NULL CHECK (purpose IN ('marketing_email', 'satisfaction_survey')),
  notice_version integer NOT NULL REFERENCES privacy_notice_version (version),
  source text NOT NULL CHECK (source IN ('portal', 'api', 'unsubscribe_link', 'privacy_request')),
  given_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  withdrawn_source text CHECK (withdrawn_source IN ('portal', 'api', 'unsubscribe_link', 'privacy_request')),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_source IS NULL)),
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);
-- At most one live consent per person and purpose.
CREATE UNIQUE INDEX consent_record_live ON consent_record (user_id, purpose) WHERE withdrawn_at IS NULL;

-- PRV-OPTOUT-1, PRV-RIGHT-5: why a person gets no marketing (opted out, objected, unsubscribed by the
-- link). A later opt-in lifts it (lifted_at); the row stays as history.
CREATE TABLE marketing_suppression (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  reason text NOT NULL CHECK (reason IN ('opted_out', 'objected', 'unsubscribed')),
  source text NOT NULL CHECK (source IN ('portal', 'api', 'unsubscribe_link', 'privacy_request')),
  recorded_at timestamptz NOT NULL,
  lifted_at timestamptz,
  CHECK (lifted_at IS NULL OR lifted_at >= recorded_at)
);
CREATE INDEX marketing_suppression_live ON marketing_suppression (user_id) WHERE lifted_at IS NULL;
