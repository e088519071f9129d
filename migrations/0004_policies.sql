-- Quote, apply, underwrite, bind (issue #3): an application is rated (its worksheet stored with it),
-- underwritten (automatically or by an underwriter, from a queue) and bound into a policy with a
-- number, a 12-month period in the insured's time zone (decision 0005) and a schedule of items.
-- Every later change of a policy is a policy_transaction; for now only 'issue' is written.

CREATE TABLE application (
  id uuid PRIMARY KEY,
  product_version_id uuid NOT NULL REFERENCES product_version (id),
  -- The customer the application is for, and the agent who made it for them (null when self-made).
  applicant_user_id uuid NOT NULL REFERENCES app_user (id),
  agent_user_id uuid REFERENCES app_user (id),
  status text NOT NULL CHECK (status IN ('quoted', 'referred', 'approved', 'declined', 'bound')),
  -- JPF-DEF-3: the named insureds; JPF-DEF-2: the other insureds and their relation.
  named_insureds jsonb NOT NULL,
  other_insureds jsonb NOT NULL DEFAULT '[]',
  mailing_address jsonb NOT NULL,
  -- The named IANA time zone of the mailing address: the policy period is counted in it (decision 0005).
  time_zone text NOT NULL,
  deductible numeric NOT NULL CHECK (deductible >= 0),
  loss_payee jsonb,
  -- Items: description, category, coverage amount, appraisal date, kept in safe, possessor (JPF-COND-8), set id.
  items jsonb NOT NULL,
  worksheet jsonb NOT NULL,
  premium numeric NOT NULL CHECK (premium >= 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  -- Why the automatic underwriting referred it (empty when approved automatically).
  referral_reasons jsonb NOT NULL DEFAULT '[]',
  -- PRV-IP-1: the IP address and time of the online application, linked to it.
  submitted_ip text,
  submitted_at timestamptz NOT NULL,
  user_agent text,
  -- The underwriting decision: { by, automatic, reason, at }.
  decision jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX application_applicant ON application (applicant_user_id);
CREATE INDEX application_agent ON application (agent_user_id) WHERE agent_user_id IS NOT NULL;
CREATE INDEX application_referred ON application (submitted_at) WHERE status = 'referred';

CREATE TABLE policy (
  id uuid PRIMARY KEY,
  policy_number text NOT NULL UNIQUE,
  -- One policy per application: a second bind cannot issue a second policy.
  application_id uuid NOT NULL UNIQUE REFERENCES application (id),
  holder_user_id uuid NOT NULL REFERENCES app_user (id),
  agent_user_id uuid REFERENCES app_user (id),
  product_version_id uuid NOT NULL REFERENCES product_version (id),
  first_day date NOT NULL,
  last_day date NOT NULL,
  time_zone text NOT NULL,
  status text NOT NULL CHECK (status IN ('in_force', 'cancelled', 'expired', 'void')),
  premium numeric NOT NULL CHECK (premium >= 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  issued_at timestamptz NOT NULL,
  CONSTRAINT policy_period_order CHECK (first_day <= last_day)
);
CREATE INDEX policy_holder ON policy (holder_user_id);
CREATE INDEX policy_agent ON policy (agent_user_id) WHERE agent_user_id IS NOT NULL;

-- Policy numbers JW-<year>-<6 digits> come from one sequence (never reused, gaps allowed).
CREATE SEQUENCE policy_number_seq;

-- JPF-DEF-1: the covered property is the items scheduled on the declarations page.
CREATE TABLE scheduled_item (
  policy_id uuid NOT NULL REFERENCES policy (id),
  item_no integer NOT NULL CHECK (item_no >= 1),
  description text NOT NULL,
  category text NOT NULL,
  coverage_amount numeric NOT NULL CHECK (coverage_amount > 0),
  -- Pairs and sets share a set id.
  set_id text,
  -- JPF-COND-8: the person in possession of a gift or engagement ring, a named insured.
  possessor text,
  appraisal_date date,
  kept_in_safe boolean NOT NULL,
  PRIMARY KEY (policy_id, item_no)
);

-- Every change of a policy, effective-dated; the policy on a date is derived from these.
CREATE TABLE policy_transaction (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policy (id),
  kind text NOT NULL CHECK (kind IN ('issue')),
  effective_date date NOT NULL,
  recorded_at timestamptz NOT NULL,
  premium_change numeric NOT NULL,
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX policy_transaction_policy ON policy_transaction (policy_id, effective_date);
