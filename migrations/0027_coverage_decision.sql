-- Issue #4, "Coverage decision": the system's automatic proposals and the adjuster's decisions on a claim's cover
-- (JPF-COVER-1, JPF-EXCL-1..8, JPF-DUTY-3, JPF-COND-4), the insured's requests for a person to review an automated
-- proposal (PRV-RIGHT-6), and the letters sent about a decision (the denial letter, JPF-EXCL-*).

-- The history of a claim's coverage: every proposal and every decision, never edited. The newest decision is the
-- claim's current one; a decision after a decision is a reconsideration (it needs a reason).
CREATE TABLE claim_coverage_decision (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  -- The entry's place in the claim's history, 1, 2, 3…
  seq integer NOT NULL CHECK (seq >= 1),
  kind text NOT NULL CHECK (kind IN ('proposal', 'decision')),
  outcome text NOT NULL CHECK (outcome IN ('covered', 'excluded', 'needs_information')),
  -- PRV-RIGHT-6: made by the system without a person deciding (proposals), so the insured may ask for a review.
  automatic boolean NOT NULL,
  -- The causes of loss as recorded (peril, role, sub-case, flags) and the custodian (JPF-COND-4), as JSON.
  causes jsonb NOT NULL,
  custodian jsonb,
  -- The clause ids the outcome rests on, e.g. ["JPF-EXCL", "JPF-EXCL-5(b)"]; what is missing; notes.
  clauses jsonb NOT NULL,
  missing jsonb NOT NULL,
  notes jsonb NOT NULL,
  -- Decisions: the proposal confirmed or overridden, whether overridden, why, and whether it reconsiders a decision.
  proposal_id uuid REFERENCES claim_coverage_decision(id),
  overridden boolean NOT NULL DEFAULT false,
  reconsideration boolean NOT NULL DEFAULT false,
  reason text,
  decided_by uuid REFERENCES app_user(id),
  -- Who recorded the causes (proposals) or made the decision.
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  UNIQUE (claim_id, seq),
  CHECK ((kind = 'proposal') = automatic),
  CHECK (kind = 'proposal' OR (decided_by IS NOT NULL AND proposal_id IS NOT NULL)),
  CHECK (NOT (overridden OR reconsideration) OR reason IS NOT NULL)
);
CREATE INDEX claim_coverage_decision_claim_idx ON claim_coverage_decision (claim_id, kind, seq);

-- PRV-RIGHT-6: the insured asks for a person to review an automated proposal; one request per proposal. The
-- adjuster's decision closes it (and the 'human_review_due' diary entry, 30 days).
CREATE TABLE claim_coverage_review_request (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  proposal_id uuid NOT NULL UNIQUE REFERENCES claim_coverage_decision(id),
  requested_by uuid NOT NULL REFERENCES app_user(id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  due_on date NOT NULL,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  decision_id uuid REFERENCES claim_coverage_decision(id),
  CHECK ((status = 'closed') = (decision_id IS NOT NULL))
);
CREATE INDEX claim_coverage_review_open_idx ON claim_coverage_review_request (claim_id) WHERE status = 'open';

-- Letters about a decision in the holder's language, the bytes stored once per hash in document_content (0007).
CREATE TABLE claim_coverage_letter (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  decision_id uuid NOT NULL UNIQUE REFERENCES claim_coverage_decision(id),
  kind text NOT NULL CHECK (kind IN ('denial')),
  locale text NOT NULL CHECK (locale IN ('en', 'nl')),
  sha256 text NOT NULL REFERENCES document_content(sha256),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  created_at timestamptz NOT NULL
);
CREATE INDEX claim_coverage_letter_claim_idx ON claim_coverage_letter (claim_id);
