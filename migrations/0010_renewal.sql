-- Renewal (issue #3, "Cancellation, reinstatement, renewal"; JPF-COND-7). A scheduled job makes a renewal
-- offer ahead of each anniversary, re-rated with the product version and rate tables in force at the
-- anniversary, with a renewal invoice due at the anniversary. At the anniversary a paid offer becomes the
-- next term of the same policy: a new policy row with the same policy number, the next term number and
-- `renewal_of` pointing at the term it renews, whose first policy_transaction is of kind 'renewal'. An unpaid
-- offer lapses and the policy ends at the end of its period (status 'expired').
-- The job works in batches recorded in renewal_run (a keyset cursor and counters committed per batch), so a
-- run that crashed is continued by the next one; renewal_offer's unique policy_id makes a second run offer
-- nothing twice.

-- Terms of one policy share its number: the number is unique per term, and only a first term is bound from
-- its application (a renewal term keeps the application, whose named insureds it carries on).
ALTER TABLE policy ADD COLUMN term_no integer NOT NULL DEFAULT 1 CHECK (term_no >= 1);
ALTER TABLE policy ADD COLUMN renewal_of uuid REFERENCES policy (id);
ALTER TABLE policy ADD CONSTRAINT policy_renewal_has_term CHECK ((renewal_of IS NULL) = (term_no = 1));
ALTER TABLE policy DROP CONSTRAINT policy_policy_number_key;
ALTER TABLE policy ADD CONSTRAINT policy_number_term_key UNIQUE (policy_number, term_no);
ALTER TABLE policy DROP CONSTRAINT policy_application_id_key;
CREATE UNIQUE INDEX policy_first_term_of_application ON policy (application_id) WHERE renewal_of IS NULL;
-- A term is renewed at most once.
CREATE UNIQUE INDEX policy_renewal_of ON policy (renewal_of) WHERE renewal_of IS NOT NULL;
-- The renewal job walks in-force policies by their last day (its keyset cursor).
CREATE INDEX policy_in_force_by_last_day ON policy (last_day, id) WHERE status = 'in_force';

-- The renewal offer lead in days (JPF-COND-7: "ahead of each anniversary"), per product. A product without a
-- row uses the default of 45 days. Operators change it with SQL (docs/operations/renewal.md).
CREATE TABLE renewal_setting (
  product_id uuid PRIMARY KEY REFERENCES product (id),
  offer_days_before integer NOT NULL CHECK (offer_days_before BETWEEN 0 AND 365),
  updated_at timestamptz NOT NULL
);

CREATE TABLE renewal_run (
  id uuid PRIMARY KEY,
  -- 'schedule' (the nightly job) or 'manual' (started by staff); who: 'system:<name>' or a user id.
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  started_by text NOT NULL,
  -- The instant the run counts "today" from, in each insured's named time zone (decision 0005).
  as_of timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed')),
  -- First the offers, then the anniversaries that have come (renew or lapse).
  phase text NOT NULL CHECK (phase IN ('offer', 'settle', 'done')),
  -- Keyset cursor of the current phase: (policy last day, policy id) for offers, (anniversary, offer id) for settling.
  cursor_date date,
  cursor_id uuid,
  batches integer NOT NULL DEFAULT 0,
  processed integer NOT NULL DEFAULT 0,
  offered integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  renewed integer NOT NULL DEFAULT 0,
  lapsed integer NOT NULL DEFAULT 0,
  withdrawn integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  CONSTRAINT renewal_run_finished CHECK ((status = 'completed') = (finished_at IS NOT NULL))
);
-- At most one run works at a time: starting another continues the one that is running.
CREATE UNIQUE INDEX renewal_run_one_running ON renewal_run ((true)) WHERE status = 'running';
CREATE INDEX renewal_run_recent ON renewal_run (started_at DESC);

CREATE TABLE renewal_offer (
  id uuid PRIMARY KEY,
  -- One offer per term, whatever runs: the job inserts with ON CONFLICT DO NOTHING.
  policy_id uuid NOT NULL UNIQUE REFERENCES policy (id),
  run_id uuid NOT NULL REFERENCES renewal_run (id),
  -- The product version in force at the anniversary, which the renewal term is sold under.
  product_version_id uuid NOT NULL REFERENCES product_version (id),
  offer_date date NOT NULL,
  anniversary date NOT NULL,
  renewal_first_day date NOT NULL,
  renewal_last_day date NOT NULL,
  premium numeric NOT NULL CHECK (premium >= 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  -- The rating worksheet of the renewal (rated on the anniversary) and the items it renews, as the
  -- 'add' item changes of the renewal term's first policy_transaction.
  worksheet jsonb NOT NULL,
  item_changes jsonb NOT NULL,
  invoice_id uuid,
  status text NOT NULL CHECK (status IN ('offered', 'accepted', 'lapsed', 'withdrawn')),
  renewed_policy_id uuid REFERENCES policy (id),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  CONSTRAINT renewal_offer_accepted_has_term CHECK ((status = 'accepted') = (renewed_policy_id IS NOT NULL)),
  CONSTRAINT renewal_offer_period CHECK (renewal_first_day = anniversary AND renewal_first_day <= renewal_last_day)
);
CREATE INDEX renewal_offer_open ON renewal_offer (anniversary, id) WHERE status = 'offered';

-- Policies a run could not offer (e.g. an item category the product version at the anniversary no longer
-- offers): the next run tries again; operators read the problems here.
CREATE TABLE renewal_failure (
  run_id uuid NOT NULL REFERENCES renewal_run (id),
  policy_id uuid NOT NULL REFERENCES policy (id),
  problems jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (run_id, policy_id)
);
