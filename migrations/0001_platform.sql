-- Bezel platform: accounts, sessions, tokens, audit chain, jobs/outbox, idempotency, rate limits.
-- PostgreSQL 15-compatible; also runs on PGlite. Append-only: change the schema in a new file.

CREATE TABLE instance_setting (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'nl')),
  status text NOT NULL CHECK (status IN ('pending_confirmation', 'active', 'disabled')),
  email_confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_email_normalised CHECK (email = lower(btrim(email)))
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);

CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('customer', 'agent', 'jeweler', 'partner', 'underwriter', 'adjuster',
                                     'billing', 'privacy_officer', 'secretary', 'admin', 'auditor')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by uuid REFERENCES app_user (id),
  PRIMARY KEY (user_id, role)
);

-- Only a SHA-256 of the session token is stored: a copy of this table cannot be used to log in.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip_address text,
  user_agent text
);
CREATE INDEX user_session_user ON user_session (user_id);

-- One-use links sent by mail: confirm an email address, reset a password.
CREATE TABLE email_token (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX email_token_user ON email_token (user_id, purpose);

-- Bearer tokens for integrations: hashed, scoped, revocable.
CREATE TABLE api_token (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);

-- Fixed-window counters shared by every instance (login, password reset, verification).
CREATE TABLE rate_limit_counter (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Idempotency-Key: the first response to a key is stored with the change it made, in one transaction.
CREATE TABLE idempotency_record (
  scope text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, idempotency_key)
);

-- Append-only, hash-chained audit log. Rows are written in the business transaction without a
-- hash; the sealer assigns chain_seq, prev_hash and hash in commit order, a few seconds behind,
-- so that no single chain-head row serialises every write (docs/decisions/0004-audit-chain-sealer.md).
-- details is hashed and holds no personal data; personal_details is not hashed so erasure keeps the chain.
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_token', 'system', 'anonymous')),
  actor_id text,
  actor_roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure', 'denied')),
  request_id text,
  purpose text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  personal_details jsonb,
  chain_seq bigint UNIQUE,
  prev_hash text,
  hash text,
  sealed_at timestamptz
);
CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE hash IS NULL;
CREATE INDEX audit_event_subject ON audit_event (subject_type, subject_id);

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_event rows are append-only and cannot be deleted' USING ERRCODE = '42501';
  END IF;
  IF (NEW.id, NEW.occurred_at, NEW.actor_type, NEW.actor_id, NEW.actor_roles, NEW.action, NEW.subject_type,
      NEW.subject_id, NEW.outcome, NEW.request_id, NEW.purpose, NEW.details)
     IS DISTINCT FROM
     (OLD.id, OLD.occurred_at, OLD.actor_type, OLD.actor_id, OLD.actor_roles, OLD.action, OLD.subject_type,
      OLD.subject_id, OLD.outcome, OLD.request_id, OLD.purpose, OLD.details) THEN
    RAISE EXCEPTION 'audit_event rows are append-only and cannot be changed' USING ERRCODE = '42501';
  END IF;
  IF OLD.hash IS NOT NULL AND (NEW.chain_seq, NEW.prev_hash, NEW.hash, NEW.sealed_at)
                              IS DISTINCT FROM (OLD.chain_seq, OLD.prev_hash, OLD.hash, OLD.sealed_at) THEN
    RAISE EXCEPTION 'a sealed audit_event cannot be re-sealed' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_guard();

-- Jobs, and the transactional outbox: a business transaction inserts a job row (mail, webhook,
-- document) beside its change; workers claim rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE job (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  last_error text,
  dedupe_key text,
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE UNIQUE INDEX job_dedupe_key ON job (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX job_ready ON job (run_at) WHERE status = 'queued';
CREATE INDEX job_running ON job (locked_until) WHERE status = 'running';
