-- The policy as of any date is derived from its transactions (issue #3, "Policy transactions";
-- decision 0009). Each transaction carries the item changes it makes; the scheduled_item rows are the
-- schedule at the end of the period, rebuilt from the transactions whenever one is recorded.

-- Every kind of change a policy can go through.
ALTER TABLE policy_transaction DROP CONSTRAINT policy_transaction_kind_check;
ALTER TABLE policy_transaction ADD CONSTRAINT policy_transaction_kind_check
  CHECK (kind IN ('issue', 'cancellation', 'new_purchase', 'endorsement', 'reinstatement', 'void', 'assignment', 'renewal'));

-- The changes to the schedule: [{ "op": "add" | "change" | "remove", "itemNo": n, "item": {…} }].
ALTER TABLE policy_transaction ADD COLUMN item_changes jsonb NOT NULL DEFAULT '[]';
-- A reinstatement reverses a cancellation: the cancellation stays in the history, marked as reversed.
ALTER TABLE policy_transaction ADD COLUMN reversed_by uuid REFERENCES policy_transaction (id);
-- Transactions on the same effective date apply in the order they were recorded.
ALTER TABLE policy_transaction ADD COLUMN sequence_no integer;

DROP INDEX policy_transaction_one_cancellation;
CREATE UNIQUE INDEX policy_transaction_one_cancellation ON policy_transaction (policy_id) WHERE kind = 'cancellation' AND reversed_by IS NULL;

-- The item's premium for a whole term, as rated; pro-rata pieces are cut from it (decision 0005).
ALTER TABLE scheduled_item ADD COLUMN annual_premium numeric;
-- The first day without cover when the item was removed from the schedule (null: on the schedule to the end).
ALTER TABLE scheduled_item ADD COLUMN removed_on date;
-- Who sold or appraised the item (JPF-COND-9: the appraisal of a changed item comes from the selling or an approved jeweler).
ALTER TABLE scheduled_item ADD COLUMN appraised_by text;

-- Existing policies: the annual premium of issued items comes from the application's worksheet, that of
-- newly purchased items from their transaction.
UPDATE scheduled_item s SET annual_premium = (a.worksheet -> 'items' -> (s.item_no - 1) -> 'premium' ->> 'amount')::numeric
  FROM policy p JOIN application a ON a.id = p.application_id
  WHERE p.id = s.policy_id AND s.added_by_transaction IS NULL;
UPDATE scheduled_item s SET annual_premium = (t.details -> 'itemTermPremium' ->> 'amount')::numeric
  FROM policy_transaction t WHERE t.id = s.added_by_transaction;
UPDATE scheduled_item SET annual_premium = 0 WHERE annual_premium IS NULL;
ALTER TABLE scheduled_item ALTER COLUMN annual_premium SET NOT NULL;
ALTER TABLE scheduled_item ADD CONSTRAINT scheduled_item_annual_premium_check CHECK (annual_premium >= 0);

-- The item changes of existing transactions, from the schedule.
UPDATE policy_transaction t SET item_changes = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('op', 'add', 'itemNo', s.item_no, 'item', jsonb_build_object(
    'description', s.description, 'category', s.category, 'coverageAmount', s.coverage_amount::text,
    'setId', s.set_id, 'possessor', s.possessor, 'appraisalDate', s.appraisal_date::text,
    'keptInSafe', s.kept_in_safe, 'purchaseDate', s.purchase_date::text, 'appraisedBy', null,
    'annualPremium', s.annual_premium::text)) ORDER BY s.item_no), '[]'::jsonb)
  FROM scheduled_item s
  WHERE s.policy_id = t.policy_id AND ((t.kind = 'issue' AND s.added_by_transaction IS NULL) OR s.added_by_transaction = t.id))
WHERE t.kind IN ('issue', 'new_purchase');

UPDATE policy_transaction t SET sequence_no = n.rn FROM (
  SELECT id, row_number() OVER (PARTITION BY policy_id ORDER BY recorded_at, id) AS rn FROM policy_transaction
) n WHERE n.id = t.id;
ALTER TABLE policy_transaction ALTER COLUMN sequence_no SET NOT NULL;
CREATE UNIQUE INDEX policy_transaction_sequence ON policy_transaction (policy_id, sequence_no);

-- Endorsements (JPF-COND-9): a written request to add, change or remove items (or remove an insured),
-- priced at request time with the same code that executes it; removals wait for the signature of every
-- named insured. Signatures of cancellation requests and endorsement requests share policy_signature.
CREATE TABLE endorsement_request (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policy (id),
  requested_by uuid NOT NULL REFERENCES app_user (id),
  -- The postmark date of a mailed request or the submission date (insured's time zone); may be in the past.
  effective_date date NOT NULL,
  received_via text NOT NULL CHECK (received_via IN ('portal', 'api', 'mail')),
  changes jsonb NOT NULL,
  -- The named insureds who must sign (removals only; empty when no signature is needed).
  named_insureds jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('pending', 'executed', 'withdrawn')),
  created_at timestamptz NOT NULL,
  executed_at timestamptz,
  policy_transaction_id uuid REFERENCES policy_transaction (id)
);
CREATE INDEX endorsement_request_policy ON endorsement_request (policy_id);

ALTER TABLE policy_signature ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE policy_signature DROP CONSTRAINT policy_signature_request_id_fkey;
ALTER TABLE policy_signature ADD CONSTRAINT policy_signature_cancellation_fkey FOREIGN KEY (request_id) REFERENCES cancellation_request (id);
ALTER TABLE policy_signature ADD COLUMN endorsement_request_id uuid REFERENCES endorsement_request (id);
ALTER TABLE policy_signature ADD CONSTRAINT policy_signature_one_request CHECK ((request_id IS NULL) <> (endorsement_request_id IS NULL));
CREATE UNIQUE INDEX policy_signature_endorsement_signer ON policy_signature (endorsement_request_id, named_insured) WHERE endorsement_request_id IS NOT NULL;
