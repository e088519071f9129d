-- Cancellation (issue #3, "Cancellation, reinstatement, renewal"; JPF-CANCEL-1/2/3).
-- A cancellation is a policy_transaction of kind 'cancellation' with a negative premium change; a
-- policy is cancelled at most once (the partial unique index), whatever the route.
-- JPF-CANCEL-1: an insured's request is signed by every named insured before it executes: the
-- requester in the portal, the others on paper, recorded by staff.

ALTER TABLE policy_transaction DROP CONSTRAINT policy_transaction_kind_check;
ALTER TABLE policy_transaction ADD CONSTRAINT policy_transaction_kind_check CHECK (kind IN ('issue', 'cancellation'));
CREATE UNIQUE INDEX policy_transaction_one_cancellation ON policy_transaction (policy_id) WHERE kind = 'cancellation';

CREATE TABLE cancellation_request (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policy (id),
  requested_by uuid NOT NULL REFERENCES app_user (id),
  -- The first day without cover (decision 0005).
  effective_date date NOT NULL,
  -- The named insureds who must sign, as on the declarations page when requested.
  named_insureds jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'executed')),
  created_at timestamptz NOT NULL,
  executed_at timestamptz,
  policy_transaction_id uuid REFERENCES policy_transaction (id)
);
-- One open request per policy.
CREATE UNIQUE INDEX cancellation_request_one_pending ON cancellation_request (policy_id) WHERE status = 'pending';

CREATE TABLE policy_signature (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES cancellation_request (id),
  named_insured text NOT NULL,
  signed_at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('portal', 'paper')),
  -- Who signed in the portal, or the staff member who recorded a paper signature.
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  UNIQUE (request_id, named_insured)
);
