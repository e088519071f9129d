-- Staff actions on a policy (issue #3): void for misrepresentation, concealment or fraud (JPF-COND-5),
-- assignment with the insurer's written consent (JPF-COND-1) and reinstatement of a cancelled policy.
-- The policy transactions of kind 'void', 'assignment' and 'reinstatement' and the column
-- policy_transaction.reversed_by come from 0009; this migration adds what billing and the assignment
-- requests need.

-- A reinstatement reverses the cancellation's refund while it is not paid yet (JPF-CANCEL-3: a refund is
-- tracked until paid; a cancelled refund was never paid and never will be). A void or a renewal cancels
-- open invoices that nothing was paid on. Who cancelled and why is kept in the audit log; the row keeps when
-- and the reason.
ALTER TABLE refund DROP CONSTRAINT refund_status_check;
ALTER TABLE refund ADD CONSTRAINT refund_status_check CHECK (status IN ('payable', 'paid', 'cancelled'));
ALTER TABLE refund ADD COLUMN cancelled_at timestamptz;
ALTER TABLE refund ADD COLUMN cancellation_reason text;
ALTER TABLE refund ADD CONSTRAINT refund_cancelled_has_reason
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancellation_reason IS NOT NULL AND cancellation_reason <> ''));

ALTER TABLE invoice ADD COLUMN cancelled_at timestamptz;
ALTER TABLE invoice ADD COLUMN cancellation_reason text;
UPDATE invoice SET cancelled_at = created_at, cancellation_reason = 'cancelled before 0011' WHERE status = 'cancelled';
ALTER TABLE invoice ADD CONSTRAINT invoice_cancelled_has_reason
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancellation_reason IS NOT NULL AND cancellation_reason <> ''));

-- JPF-COND-1: "Assignment of this policy will not be valid unless 'we' give 'our' written consent." The
-- holder (or staff for them) asks to transfer the policy to another customer; nothing changes until staff
-- record the insurer's written consent (who approved, the date and reference of the written consent), or
-- the refusal with its reason. An approval writes the 'assignment' policy transaction.
CREATE TABLE assignment_request (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policy (id),
  -- The holder when asked, and the customer the policy is to pass to.
  from_user_id uuid NOT NULL REFERENCES app_user (id),
  to_user_id uuid NOT NULL REFERENCES app_user (id),
  requested_by uuid NOT NULL REFERENCES app_user (id),
  note text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  created_at timestamptz NOT NULL,
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  -- The insurer's written consent: the date of the letter and its reference.
  consent_date date,
  consent_reference text,
  refusal_reason text,
  policy_transaction_id uuid REFERENCES policy_transaction (id),
  CONSTRAINT assignment_to_someone_else CHECK (from_user_id <> to_user_id),
  CONSTRAINT assignment_decided CHECK ((status = 'pending') = (decided_at IS NULL AND decided_by IS NULL)),
  CONSTRAINT assignment_approved_has_consent CHECK (
    status <> 'approved' OR (consent_date IS NOT NULL AND consent_reference IS NOT NULL AND consent_reference <> '' AND policy_transaction_id IS NOT NULL)
  ),
  CONSTRAINT assignment_refused_has_reason CHECK (status <> 'refused' OR (refusal_reason IS NOT NULL AND refusal_reason <> ''))
);
-- One open request per policy; the back-office queue reads the pending ones oldest first.
CREATE UNIQUE INDEX assignment_request_one_pending ON assignment_request (policy_id) WHERE status = 'pending';
CREATE INDEX assignment_request_queue ON assignment_request (created_at) WHERE status = 'pending';
CREATE INDEX assignment_request_policy ON assignment_request (policy_id, created_at);
