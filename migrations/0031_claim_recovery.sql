-- Issue #4, jewelry claims: "Claims Against Others" and "What Happens if You and We Disagree" of the policy form.
-- The subrogation record of a claim (JPF-SUBRO-1, JPF-COND-4), recoveries (JPF-SUBRO-2) and appraisal disputes
-- (JPF-APPR-1). Deadlines of a dispute live in the claim's diary (claim_diary_entry, reference_id = the dispute).

-- JPF-SUBRO-1: one record per claim. The responsible third party, the assignment of the insured's recovery rights,
-- a waiver of recovery and an impairment of the insurer's rights. Whether the waiver counts (in writing, dated
-- before the loss) is derived from these columns and the claim's loss date (domain/subrogation.ts), not stored.
CREATE TABLE claim_subrogation (
  claim_id uuid PRIMARY KEY REFERENCES claim(id),
  third_party_name text,
  third_party_details text,
  -- JPF-COND-4: a bailee is paid to assume custody (a jeweler, a carrier); the insurer recovers from them.
  third_party_kind text CHECK (third_party_kind IN ('person', 'organisation', 'bailee')),
  custodian_role text CHECK (custodian_role IN ('jeweler', 'carrier', 'other')),
  -- JPF-COND-4: "This policy will not benefit those who are paid to assume custody": recorded for a bailee.
  no_benefit_to_bailee boolean NOT NULL DEFAULT false,
  assignment_required boolean NOT NULL DEFAULT false,
  assignment_signed_on date,
  waiver_written_on date,
  waiver_in_writing boolean,
  -- The adjuster's finding that the insured impaired the insurer's right to recover after the loss.
  impairment_reason text,
  impaired_at timestamptz,
  impaired_by uuid REFERENCES app_user(id),
  updated_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((third_party_name IS NULL) = (third_party_kind IS NULL)),
  CHECK ((custodian_role IS NOT NULL) = (third_party_kind IS NOT DISTINCT FROM 'bailee')),
  CHECK (no_benefit_to_bailee = (third_party_kind IS NOT DISTINCT FROM 'bailee')),
  CHECK (assignment_required OR assignment_signed_on IS NULL),
  CHECK ((waiver_written_on IS NULL) = (waiver_in_writing IS NULL)),
  CHECK ((impairment_reason IS NULL) = (impaired_at IS NULL))
);

-- JPF-SUBRO-2: a recovered item or money recovered from others. An item found after it was paid for becomes the
-- insurer's (title passes); found before, the claim for it is withdrawn. Money recovered is booked here: the
-- claim's net paid is its payments minus these amounts.
CREATE TABLE claim_recovery (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL CHECK (kind IN ('item_found', 'money')),
  line_no integer,
  description text NOT NULL,
  amount numeric(14, 2) CHECK (amount > 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  recovered_from text,
  recovered_on date NOT NULL,
  -- Who learned of it first; the other side is notified ("You must notify us or we must notify you promptly").
  reported_by_party text NOT NULL CHECK (reported_by_party IN ('insured', 'insurer')),
  reported_by_user_id uuid NOT NULL REFERENCES app_user(id),
  outcome text NOT NULL CHECK (outcome IN ('title_passed', 'item_withdrawn', 'money_booked')),
  title_passed_on date,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (claim_id, line_no) REFERENCES claim_item(claim_id, line_no),
  CHECK ((kind = 'item_found') = (line_no IS NOT NULL)),
  CHECK ((kind = 'money') = (amount IS NOT NULL)),
  CHECK ((outcome = 'money_booked') = (kind = 'money')),
  CHECK ((outcome = 'title_passed') = (title_passed_on IS NOT NULL))
);
CREATE INDEX claim_recovery_claim_idx ON claim_recovery (claim_id, recovered_on);
-- A claimed item is found once.
CREATE UNIQUE INDEX claim_recovery_item_once ON claim_recovery (claim_id, line_no) WHERE kind = 'item_found';

-- JPF-APPR-1: an appraisal dispute on a claim, from the written demand to the award. Appraisers are named by
-- each party within 20 days after the demand is received; the umpire is selected by the two appraisers within
-- 15 days after both are named, else by a judge. The award lists three amounts separately and binds when
-- signed by any two of the three; costs are split (each party its appraiser; umpire and other expenses halved).
CREATE TABLE appraisal_dispute (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  subjects text[] NOT NULL CHECK (cardinality(subjects) >= 1 AND subjects <@ ARRAY['amount_of_loss', 'value', 'cost']::text[]),
  demanded_by text NOT NULL CHECK (demanded_by IN ('insured', 'insurer')),
  demand_received_on date NOT NULL,
  demand_reference text,
  appraiser_naming_due date NOT NULL,
  insured_appraiser_name text,
  insured_appraiser_details text,
  insured_appraiser_named_on date,
  insurer_appraiser_name text,
  insurer_appraiser_details text,
  insurer_appraiser_named_on date,
  umpire_selection_due date,
  umpire_name text,
  umpire_details text,
  umpire_selected_by text CHECK (umpire_selected_by IN ('appraisers', 'judge')),
  umpire_selected_on date,
  umpire_court text,
  status text NOT NULL DEFAULT 'awaiting_appraisers' CHECK (status IN ('awaiting_appraisers', 'awaiting_umpire', 'umpire_selected', 'awarded')),
  award_amount_of_loss numeric(14, 2) CHECK (award_amount_of_loss >= 0),
  award_property_value numeric(14, 2) CHECK (award_property_value >= 0),
  award_repair_cost numeric(14, 2) CHECK (award_repair_cost >= 0),
  award_signed_by text[],
  award_signed_on date,
  award_recorded_by uuid REFERENCES app_user(id),
  award_recorded_at timestamptz,
  insured_appraiser_fee numeric(14, 2) CHECK (insured_appraiser_fee >= 0),
  insurer_appraiser_fee numeric(14, 2) CHECK (insurer_appraiser_fee >= 0),
  umpire_fee numeric(14, 2) CHECK (umpire_fee >= 0),
  other_expenses numeric(14, 2) CHECK (other_expenses >= 0),
  insured_cost_share numeric(14, 2),
  insurer_cost_share numeric(14, 2),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((insured_appraiser_name IS NULL) = (insured_appraiser_named_on IS NULL)),
  CHECK ((insurer_appraiser_name IS NULL) = (insurer_appraiser_named_on IS NULL)),
  CHECK ((umpire_name IS NULL) = (umpire_selected_on IS NULL) AND (umpire_name IS NULL) = (umpire_selected_by IS NULL)),
  CHECK ((status = 'awarded') = (award_recorded_at IS NOT NULL)),
  CHECK (status <> 'awarded' OR (award_amount_of_loss IS NOT NULL AND award_property_value IS NOT NULL AND award_repair_cost IS NOT NULL
    AND cardinality(award_signed_by) >= 2 AND award_signed_on IS NOT NULL AND insured_cost_share IS NOT NULL AND insurer_cost_share IS NOT NULL))
);
CREATE INDEX appraisal_dispute_claim_idx ON appraisal_dispute (claim_id, created_at);
-- One dispute at a time per claim: a second demand while one is open is refused.
CREATE UNIQUE INDEX appraisal_dispute_one_open ON appraisal_dispute (claim_id) WHERE status <> 'awarded';
