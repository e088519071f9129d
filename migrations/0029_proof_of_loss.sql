-- Issue #4, JPF-DUTY-4: the insured's proof of loss (statement of loss), due 90 days after the loss, signed by
-- the insured and sworn when the insurer asked for it under oath. The adjuster accepts it as satisfactory (with the
-- agreed amount it starts the 30 days of JPF-SETTLE-9) or rejects it with a reason; the insured may then send a
-- new one. Every submission is kept.

-- The adjuster's request that the proof of loss be made under oath ("under oath if requested").
CREATE TABLE proof_of_loss_oath_request (
  claim_id uuid PRIMARY KEY REFERENCES claim(id),
  requested_by uuid NOT NULL REFERENCES app_user(id),
  requested_at timestamptz NOT NULL,
  note text CHECK (char_length(note) <= 2000)
);

CREATE TABLE proof_of_loss (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  -- 1, 2, … per claim: a rejected proof is followed by a new one.
  submission_no integer NOT NULL CHECK (submission_no >= 1),
  -- (a) the date, time, place and details of the loss.
  loss_date date NOT NULL,
  loss_time text NOT NULL CHECK (loss_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  loss_time_approximate boolean NOT NULL,
  loss_place text NOT NULL CHECK (char_length(loss_place) BETWEEN 2 AND 500),
  loss_details text NOT NULL CHECK (char_length(loss_details) BETWEEN 10 AND 10000),
  -- (b) other insurance that may cover the loss: [{insurer, policyNumber, limit}] (amounts as decimal strings);
  -- an empty list is the insured's statement that there is none.
  other_insurance jsonb NOT NULL,
  -- (c) the insured's interest and the interest of all others, incl. liens and encumbrances: [{name, nature, amount}].
  insured_interest text NOT NULL CHECK (char_length(insured_interest) BETWEEN 2 AND 500),
  other_interests jsonb NOT NULL,
  -- (d) changes in the title of the property during the policy period (null: none).
  title_changes text CHECK (char_length(title_changes) <= 2000),
  -- The signature: the insured's typed full name, when and by whom; sworn when under oath was requested, with the
  -- statement sworn to.
  sworn boolean NOT NULL,
  oath_statement text,
  signed_name text NOT NULL CHECK (char_length(signed_name) BETWEEN 2 AND 200),
  signed_by uuid NOT NULL REFERENCES app_user(id),
  signed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'rejected')),
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  rejection_reason text CHECK (char_length(rejection_reason) <= 2000),
  CHECK (sworn = (oath_statement IS NOT NULL)),
  CHECK ((status = 'submitted') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
  CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
  UNIQUE (claim_id, submission_no)
);
-- At most one proof under review or accepted per claim: a new one only after a rejection.
CREATE UNIQUE INDEX proof_of_loss_live ON proof_of_loss (claim_id) WHERE status IN ('submitted', 'accepted');

-- (e) the inventory: one line per claimed item (claim_item.line_no).
CREATE TABLE proof_of_loss_line (
  proof_id uuid NOT NULL REFERENCES proof_of_loss(id),
  claim_line_no integer NOT NULL CHECK (claim_line_no >= 1),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  description text NOT NULL CHECK (char_length(description) BETWEEN 2 AND 500),
  cost numeric(14, 2) NOT NULL CHECK (cost >= 0),
  actual_cash_value numeric(14, 2) NOT NULL CHECK (actual_cash_value >= 0),
  amount_of_loss numeric(14, 2) NOT NULL CHECK (amount_of_loss >= 0),
  PRIMARY KEY (proof_id, claim_line_no)
);

-- (e) the bills, receipts and related documents attached (stored_file, the insured's own uploads).
CREATE TABLE proof_of_loss_file (
  proof_id uuid NOT NULL REFERENCES proof_of_loss(id),
  file_id uuid NOT NULL REFERENCES stored_file(id),
  PRIMARY KEY (proof_id, file_id)
);
CREATE INDEX proof_of_loss_file_file_idx ON proof_of_loss_file (file_id);
