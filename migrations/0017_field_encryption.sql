-- Issue #5, protection: PRV-SEC-1 envelope encryption (data keys wrapped by a master key from configuration;
-- the master keys themselves are never in the database), PRV-REC-1/PRV-RET-1 call recordings, PRV-CHILD-1
-- dates of birth at intake, guardian consents and inbound messages.
-- Columns marked "encrypted" hold `v1:<data key id>:<iv>:<ciphertext>:<tag>`, never plaintext.

CREATE TABLE data_key (
  id uuid PRIMARY KEY,
  -- The configured master key that wraps this data key.
  master_key_id text NOT NULL CHECK (master_key_id <> ''),
  -- AES-256-GCM data key wrapped by the master key; null once destroyed after a rotation (crypto-shredding).
  wrapped_key text,
  status text NOT NULL CHECK (status IN ('active', 'retired', 'destroyed')),
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  destroyed_at timestamptz,
  CONSTRAINT data_key_wrapped_unless_destroyed CHECK ((status = 'destroyed') = (wrapped_key IS NULL))
);
-- At most one data key encrypts new values.
CREATE UNIQUE INDEX data_key_one_active ON data_key (status) WHERE status = 'active';

-- PRV-REC-1: calls may be recorded for training and to verify agreements; kept at most 180 days (PRV-RET-1).
CREATE TABLE call_recording (
  id uuid PRIMARY KEY,
  -- The caller when they are a known user; the phone number is kept for every call.
  caller_user_id uuid REFERENCES app_user (id),
  caller_phone text NOT NULL,
  -- Blind index (HMAC) of the caller's phone number digits: find a caller's recordings without decrypting.
  caller_phone_index text NOT NULL,
  -- The staff member who took the call.
  staff_user_id uuid REFERENCES app_user (id),
  purpose text NOT NULL CHECK (purpose IN ('training', 'verify_agreement')),
  recorded_at timestamptz NOT NULL,
  duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
  media_type text NOT NULL CHECK (media_type IN ('audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm')),
  -- Encrypted audio.
  recording text NOT NULL,
  registered_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX call_recording_caller ON call_recording (caller_user_id) WHERE caller_user_id IS NOT NULL;
CREATE INDEX call_recording_phone ON call_recording (caller_phone_index);
CREATE INDEX call_recording_recorded_at ON call_recording (recorded_at);

-- PRV-CHILD-1: a named insured's date of birth given at intake (encrypted), numbered as in the application.
CREATE TABLE insured_birth_date (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES application (id),
  insured_no integer NOT NULL CHECK (insured_no >= 1),
  subject_user_id uuid NOT NULL REFERENCES app_user (id),
  date_of_birth text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (application_id, insured_no)
);
CREATE INDEX insured_birth_date_subject ON insured_birth_date (subject_user_id);

-- PRV-CHILD-1: a parent's or guardian's consent for a named insured under 18, recorded before the data is used.
CREATE TABLE guardian_consent (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES application (id),
  insured_no integer NOT NULL CHECK (insured_no >= 1),
  subject_user_id uuid NOT NULL REFERENCES app_user (id),
  guardian_name text NOT NULL CHECK (guardian_name <> ''),
  relation text NOT NULL CHECK (relation IN ('parent', 'legal_guardian')),
  method text NOT NULL CHECK (method IN ('written', 'electronic', 'in_person', 'phone')),
  consented_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (application_id, insured_no)
);
CREATE INDEX guardian_consent_subject ON guardian_consent (subject_user_id);

-- PRV-CHILD-1: messages received by the insurer; one flagged by staff as from a child is deleted (audited).
CREATE TABLE inbound_message (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'web_form', 'mail', 'phone')),
  sender_user_id uuid REFERENCES app_user (id),
  sender_name text,
  sender_contact text,
  subject text,
  body text NOT NULL,
  received_at timestamptz NOT NULL,
  registered_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX inbound_message_sender ON inbound_message (sender_user_id) WHERE sender_user_id IS NOT NULL;
