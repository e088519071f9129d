-- Fulfilment of privacy rights (issue #5): access packages and portability (PRV-RIGHT-1, PRV-RIGHT-8),
-- erasure with what was kept and why (PRV-RIGHT-3), restriction of processing (PRV-RIGHT-4), correction
-- and self-service contact data (PRV-RIGHT-2, PRV-PORTAL-1) and account closure (PRV-PORTAL-1).

-- PRV-RIGHT-2 / PRV-PORTAL-1: the customer's own contact data beyond name and email. The address of an
-- application stays on the application (it is part of what was quoted); this is where to write to the person.
ALTER TABLE app_user ADD COLUMN phone text CHECK (phone IS NULL OR char_length(phone) BETWEEN 1 AND 40);
ALTER TABLE app_user ADD COLUMN postal_address jsonb;
-- PRV-PORTAL-1: closed by the person (login refused from then on; the data follows retention and erasure).
ALTER TABLE app_user ADD COLUMN closed_at timestamptz;
-- PRV-RIGHT-3: when the person's identity was erased (the row stays: kept records point at it).
ALTER TABLE app_user ADD COLUMN erased_at timestamptz;

-- PRV-RIGHT-4: a restriction flag on a person; at most one in effect. Lifting it keeps the row (and is audited).
CREATE TABLE processing_restriction (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  reason text NOT NULL CHECK (reason <> ''),
  privacy_request_id uuid,
  started_at timestamptz NOT NULL,
  started_by text NOT NULL,
  lifted_at timestamptz,
  lifted_by text,
  lift_reason text,
  CONSTRAINT processing_restriction_lifted CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE UNIQUE INDEX processing_restriction_in_effect ON processing_restriction (user_id) WHERE lifted_at IS NULL;

-- PRV-RIGHT-1 / PRV-RIGHT-8: an access package, built by a job, stored encrypted (decision 0012): a PDF
-- encrypted with AES-256 whose password is shown once to the person; the password is kept sealed (AES-256-GCM
-- under a key derived from the application secret) only until it is shown, then forgotten.
CREATE TABLE access_package (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  purpose text NOT NULL CHECK (purpose IN ('access', 'portability')),
  privacy_request_id uuid,
  status text NOT NULL CHECK (status IN ('preparing', 'ready')),
  sealed_password text,
  password_shown_at timestamptz,
  content bytea,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size integer CHECK (byte_size > 0),
  created_at timestamptz NOT NULL,
  ready_at timestamptz,
  expires_at timestamptz NOT NULL,
  downloads integer NOT NULL DEFAULT 0,
  last_downloaded_at timestamptz,
  CONSTRAINT access_package_ready_has_content CHECK ((status = 'ready') = (content IS NOT NULL))
);
CREATE INDEX access_package_user ON access_package (user_id, created_at);

-- PRV-RIGHT-8: the package sent to a named third party: an expiring link by mail (through the outbox).
CREATE TABLE portability_delivery (
  id uuid PRIMARY KEY,
  access_package_id uuid NOT NULL REFERENCES access_package (id),
  recipient_name text NOT NULL CHECK (recipient_name <> ''),
  recipient_email text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  downloaded_at timestamptz
);
CREATE INDEX portability_delivery_package ON portability_delivery (access_package_id);

-- PRV-RIGHT-2: a correction the person asked for, reviewed and applied (or rejected with a reason) by staff.
CREATE TABLE contact_correction (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  requested_by text NOT NULL,
  changes jsonb NOT NULL,
  note text,
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text,
  decision_reason text,
  CONSTRAINT contact_correction_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX contact_correction_queue ON contact_correction (created_at) WHERE status = 'pending';
CREATE INDEX contact_correction_user ON contact_correction (user_id);

-- PRV-RIGHT-3: what an erasure did: per table how many rows were deleted or anonymised, what was kept and
-- on which basis, and what was refused (legal hold). Holds no personal data, only counts, tables and reasons.
CREATE TABLE erasure_record (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  privacy_request_id uuid,
  performed_at timestamptz NOT NULL,
  performed_by text NOT NULL,
  erased jsonb NOT NULL,
  kept jsonb NOT NULL
);
CREATE INDEX erasure_record_user ON erasure_record (user_id);
