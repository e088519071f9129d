-- Privacy requests (issue #5; PRV-RIGHT-1..13, PRV-CONTACT-1). A request is received (from the portal,
-- the public form or entered by staff for a request by mail, phone or email), verified (PRV-RIGHT-10:
-- session, one-time code by email, or documents checked by the privacy officer), answered before its
-- deadline (PRV-RIGHT-11, at most one extension with a written reason) and completed or rejected.
-- Every step is an audit event with subject ('privacy_request', id) (PRV-RIGHT-12).

CREATE TABLE privacy_request (
  id uuid PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('access', 'portability', 'correction', 'erasure', 'restriction', 'objection',
    'automated_decision_review', 'consent_withdrawal', 'marketing_opt_out', 'complaint')),
  status text NOT NULL CHECK (status IN ('awaiting_verification', 'in_progress', 'completed', 'rejected')),
  channel text NOT NULL CHECK (channel IN ('portal', 'web_form', 'email', 'phone', 'mail')),
  -- 'NL', 'DE', … (EU member states) or 'US-CA', 'US-NY', … (US states).
  jurisdiction text NOT NULL CHECK (jurisdiction ~ '^(US-[A-Z]{2}|[A-Z]{2})$'),
  -- The person the request is about, when they have an account (found by session or email address).
  subject_user_id uuid REFERENCES app_user (id),
  requester_name text NOT NULL CHECK (char_length(requester_name) BETWEEN 1 AND 200),
  requester_email text NOT NULL CHECK (char_length(requester_email) BETWEEN 3 AND 254),
  details text NOT NULL DEFAULT '' CHECK (char_length(details) <= 5000),
  -- PRV-RIGHT-8: portability to a named third party.
  third_party_recipient text CHECK (char_length(third_party_recipient) <= 500),
  -- PRV-RIGHT-10: an authorised agent's name and the uploaded authorisation (stored_file, purpose 'other').
  agent_name text CHECK (char_length(agent_name) <= 200),
  agent_authorisation_file_id uuid REFERENCES stored_file (id),
  verification_method text CHECK (verification_method IN ('session', 'email_code', 'documents')),
  verified_at timestamptz,
  verified_by uuid REFERENCES app_user (id),
  received_on date NOT NULL,
  deadline_rule text NOT NULL,
  due_on date NOT NULL,
  extended_due_on date,
  extension_reason text CHECK (char_length(extension_reason) <= 2000),
  extended_at timestamptz,
  outcome_summary text CHECK (char_length(outcome_summary) <= 2000),
  rejection_reason text CHECK (char_length(rejection_reason) <= 2000),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  entered_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((agent_name IS NULL) = (agent_authorisation_file_id IS NULL)),
  CHECK ((extended_due_on IS NULL) = (extension_reason IS NULL) AND (extension_reason IS NULL) = (extended_at IS NULL)),
  -- PRV-RIGHT-10: nothing is acted on before verification; an unverified request can only be rejected.
  CHECK (status <> 'awaiting_verification' OR verified_at IS NULL),
  CHECK (status NOT IN ('in_progress', 'completed') OR verified_at IS NOT NULL)
);
-- The officer's queue: open requests by deadline.
CREATE INDEX privacy_request_open_due ON privacy_request (coalesce(extended_due_on, due_on)) WHERE status IN ('awaiting_verification', 'in_progress');
CREATE INDEX privacy_request_subject ON privacy_request (subject_user_id, created_at) WHERE subject_user_id IS NOT NULL;

-- PRV-RIGHT-10: the one-time code of a request made without an account: stored as an HMAC, never in clear.
CREATE TABLE privacy_request_code (
  request_id uuid PRIMARY KEY REFERENCES privacy_request (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  used_at timestamptz
);

-- PRV-RIGHT-6: a person asked for a human review of an automated decision; the decision stands until reviewed.
CREATE TABLE privacy_review_task (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL UNIQUE REFERENCES privacy_request (id),
  status text NOT NULL CHECK (status IN ('open', 'reviewed')),
  created_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES app_user (id),
  review_outcome text CHECK (char_length(review_outcome) <= 2000),
  CHECK ((status = 'reviewed') = (reviewed_at IS NOT NULL))
);
