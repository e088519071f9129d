-- Issue #5, disclosures, incidents, surveys and de-identified exports.
-- PRV-DISC-3 / PRV-PROC-1: a registry of the recipients personal data may go to; processors (service
-- providers) with their processor agreements and its dates. PRV-DISC-1: every disclosure is logged
-- with recipient, categories and basis; no basis of "sale" exists (the CHECK below lists the allowed ones).
-- PRV-DISC-3: partners see a customer's data only under the customer's own, revocable authorisation.
-- PRV-FRAUD-1: the incident register. PRV-SURVEY-1: survey invitations and answers that cannot be joined
-- back to a person. PRV-DEID-1: each de-identified export recorded.

CREATE TABLE privacy_recipient (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  recipient_type text NOT NULL CHECK (recipient_type IN (
    'service_provider', 'agent', 'repairer', 'jeweler', 'regulator', 'reinsurer', 'auditor', 'attorney',
    'partner', 'group_company', 'legal_process')),
  description text CHECK (char_length(description) <= 2000),
  contact_email text CHECK (char_length(contact_email) <= 254),
  -- The recipient's own login (an agent, a jeweler or a partner), for relationship checks.
  user_id uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id),
  retired_at timestamptz
);
CREATE INDEX privacy_recipient_type ON privacy_recipient (recipient_type, name);
CREATE UNIQUE INDEX privacy_recipient_user ON privacy_recipient (user_id) WHERE user_id IS NOT NULL AND retired_at IS NULL;

CREATE TABLE processor_agreement (
  id uuid PRIMARY KEY,
  recipient_id uuid NOT NULL REFERENCES privacy_recipient (id),
  reference text NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 200),
  signed_on date NOT NULL,
  -- The last day the agreement covers; null: open-ended.
  ends_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id),
  CHECK (ends_on IS NULL OR ends_on >= signed_on)
);
CREATE INDEX processor_agreement_recipient ON processor_agreement (recipient_id, signed_on);

CREATE TABLE disclosure (
  id uuid PRIMARY KEY,
  recipient_id uuid NOT NULL REFERENCES privacy_recipient (id),
  subject_user_id uuid NOT NULL REFERENCES app_user (id),
  categories text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 40),
  basis text NOT NULL CHECK (basis IN (
    'service_provision', 'insured_agent', 'repair_order', 'customer_authorisation', 'legal_process',
    'regulatory_audit', 'legal_advice', 'financial_audit', 'reinsurance', 'group_company', 'business_transfer')),
  purpose text NOT NULL CHECK (char_length(purpose) BETWEEN 3 AND 500),
  -- What the disclosure was about, e.g. a claim or a repair order (module and id), when there is one.
  reference_type text CHECK (char_length(reference_type) <= 40),
  reference_id text CHECK (char_length(reference_id) <= 100),
  disclosed_at timestamptz NOT NULL,
  recorded_by_type text NOT NULL,
  recorded_by text
);
CREATE INDEX disclosure_subject ON disclosure (subject_user_id, disclosed_at);
CREATE INDEX disclosure_recipient ON disclosure (recipient_id, disclosed_at);

CREATE TABLE partner_authorisation (
  id uuid PRIMARY KEY,
  customer_user_id uuid NOT NULL REFERENCES app_user (id),
  recipient_id uuid NOT NULL REFERENCES privacy_recipient (id),
  granted_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE UNIQUE INDEX partner_authorisation_current ON partner_authorisation (customer_user_id, recipient_id) WHERE revoked_at IS NULL;

CREATE TABLE incident (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('non_payment', 'suspected_fraud')),
  subject_user_id uuid REFERENCES app_user (id),
  policy_id uuid,
  summary text NOT NULL CHECK (char_length(summary) BETWEEN 3 AND 4000),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  closing_note text CHECK (char_length(closing_note) <= 4000),
  CHECK (subject_user_id IS NOT NULL OR policy_id IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incident_subject ON incident (subject_user_id) WHERE subject_user_id IS NOT NULL;
CREATE INDEX incident_policy ON incident (policy_id) WHERE policy_id IS NOT NULL;
CREATE INDEX incident_created ON incident (created_at);

CREATE TABLE survey (
  id uuid PRIMARY KEY,
  title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
  -- The questions' keys; each is answered with a rating from 1 to 5.
  questions text[] NOT NULL CHECK (cardinality(questions) BETWEEN 1 AND 20),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user (id)
);

-- Who was invited to which survey (one invitation per person per survey). It holds no link and no answer state:
-- PRV-SURVEY-1, nothing in the database tells who answered.
CREATE TABLE survey_invitation (
  id uuid PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES survey (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  sent_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX survey_invitation_once ON survey_invitation (survey_id, user_id);

-- The single-use answer links, hashed, with no reference to the person or the invitation they were sent with
-- (PRV-SURVEY-1): using one marks only the link used, never when, so an answer cannot be traced to anyone.
CREATE TABLE survey_token (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  survey_id uuid NOT NULL REFERENCES survey (id),
  expires_at timestamptz NOT NULL,
  used boolean NOT NULL DEFAULT false
);

-- PRV-SURVEY-1: an answer names its survey and nothing else: no person, no invitation, no time; a random id.
CREATE TABLE survey_answer (
  id uuid PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES survey (id),
  -- Ratings only (1 to 5 per question): free text could carry a name, so none is asked for.
  ratings jsonb NOT NULL
);
CREATE INDEX survey_answer_survey ON survey_answer (survey_id);

CREATE TABLE deidentified_export (
  id uuid PRIMARY KEY,
  dataset text NOT NULL CHECK (dataset IN ('policy_items')),
  exported_at timestamptz NOT NULL,
  exported_by uuid NOT NULL REFERENCES app_user (id),
  row_count integer NOT NULL CHECK (row_count >= 0),
  suppressed_count integer NOT NULL CHECK (suppressed_count >= 0),
  min_cell_size integer NOT NULL CHECK (min_cell_size >= 2),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX deidentified_export_at ON deidentified_export (exported_at);
