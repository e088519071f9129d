-- Issue #4, jewelry claims: the claim and its items (first notice of loss) and the claim's diary of deadlines.
-- The other claim records (coverage decisions, proof of loss, worksheets, reserves, payments, jeweler orders,
-- recovery, appraisal disputes) have migrations of their own.

-- Claim numbers: CL-<year of report>-<six digits>, one sequence for all years (gaps are harmless).
CREATE SEQUENCE claim_number_seq;

CREATE TABLE claim (
  id uuid PRIMARY KEY,
  claim_number text NOT NULL UNIQUE,
  policy_id uuid NOT NULL REFERENCES policy(id),
  -- The policyholder and the policy's agent when reported: who may see the claim (DESIGN §5) and whose data it is.
  holder_user_id uuid NOT NULL REFERENCES app_user(id),
  agent_user_id uuid REFERENCES app_user(id),
  -- The approved jeweler who reported the loss for their customer or received a repair/replace order (JPF-SETTLE-2).
  jeweler_user_id uuid REFERENCES app_user(id),
  adjuster_user_id uuid REFERENCES app_user(id),
  reported_by_user_id uuid NOT NULL REFERENCES app_user(id),
  channel text NOT NULL CHECK (channel IN ('portal', 'jeweler', 'phone', 'api')),
  -- JPF-DEF-2: the reporter is an insured or acts for one; insured_name is the insured whose property it is.
  reporter_name text NOT NULL,
  reporter_relation text NOT NULL,
  insured_name text NOT NULL,
  loss_kind text NOT NULL CHECK (loss_kind IN ('damage', 'loss', 'theft', 'disappearance')),
  loss_date date NOT NULL,
  loss_time text CHECK (loss_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  loss_place text NOT NULL,
  -- JPF-COVER-1: worldwide; the country is recorded, never a reason to refuse.
  loss_country text NOT NULL CHECK (loss_country ~ '^[A-Z]{2}$'),
  narrative text NOT NULL,
  -- JPF-DUTY-3: theft and other violations of law need the police report.
  police_report_reference text,
  police_authority text,
  -- JPF-DUTY-1: the insured confirmed the duty to protect the property from further loss.
  protection_confirmed boolean NOT NULL,
  -- JPF-DUTY-2: the date the insurer had notice, in the policy's time zone.
  notice_date date NOT NULL,
  status text NOT NULL DEFAULT 'reported'
    CHECK (status IN ('reported', 'needs_information', 'covered', 'denied', 'settled', 'closed', 'withdrawn')),
  time_zone text NOT NULL,
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  reported_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX claim_policy_idx ON claim (policy_id, loss_date);
CREATE INDEX claim_holder_idx ON claim (holder_user_id);
CREATE INDEX claim_agent_idx ON claim (agent_user_id) WHERE agent_user_id IS NOT NULL;
CREATE INDEX claim_jeweler_idx ON claim (jeweler_user_id) WHERE jeweler_user_id IS NOT NULL;
CREATE INDEX claim_reporter_idx ON claim (reported_by_user_id);
CREATE INDEX claim_queue_idx ON claim (status, reported_at, id);
CREATE INDEX claim_adjuster_queue_idx ON claim (adjuster_user_id, status, reported_at, id);

CREATE TABLE claim_item (
  claim_id uuid NOT NULL REFERENCES claim(id),
  line_no integer NOT NULL CHECK (line_no >= 1),
  -- The scheduled item's number on the policy; null for jewelry bought within 30 days before the loss and not
  -- yet reported (JPF-ADD-2).
  item_no integer,
  description text NOT NULL,
  category text NOT NULL,
  -- The item's coverage amount on the loss date (the policy as of that date); null for a JPF-ADD-2 item.
  coverage_amount numeric(14, 2),
  -- JPF-SETTLE-3: the pair or set the item belongs to on the schedule.
  set_id text,
  newly_purchased boolean NOT NULL DEFAULT false,
  purchase_date date,
  purchase_price numeric(14, 2),
  -- JPF-SETTLE-4: the whole item or a part of it (a stone, a clasp).
  extent text NOT NULL DEFAULT 'whole' CHECK (extent IN ('whole', 'part')),
  part_description text,
  PRIMARY KEY (claim_id, line_no),
  CHECK ((item_no IS NULL) = newly_purchased),
  CHECK (NOT newly_purchased OR (purchase_date IS NOT NULL AND purchase_price IS NOT NULL))
);

-- The claim's diary: every deadline of the insured or the insurer, with the clause it comes from.
CREATE TABLE claim_diary_entry (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL,
  -- Whose move it is: the insured's (proof of loss, documents) or the insurer's (settlement, umpire).
  party text NOT NULL CHECK (party IN ('insured', 'insurer', 'both')),
  due_on date NOT NULL,
  -- The promise ID the deadline keeps, e.g. 'JPF-DUTY-4'.
  clause text NOT NULL,
  note text,
  -- The record the entry belongs to (a document request, an appraisal dispute), when there is one.
  reference_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  reminded_at timestamptz,
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX claim_diary_claim_idx ON claim_diary_entry (claim_id, due_on);
CREATE INDEX claim_diary_due_idx ON claim_diary_entry (due_on, id) WHERE status = 'open';
