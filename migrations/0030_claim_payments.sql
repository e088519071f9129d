-- Issue #4, claims: reserves, payment authority, jeweler repair/replace orders and claim payments
-- (JPF-SETTLE-2, JPF-SETTLE-7, JPF-SETTLE-8, JPF-SETTLE-9).

-- JPF-SETTLE-7: a total loss ends the item's cover with a policy transaction of its own, which refunds the item's
-- unearned premium (the policies module's endItemCoverAfterTotalLoss).
ALTER TABLE policy_transaction DROP CONSTRAINT policy_transaction_kind_check;
ALTER TABLE policy_transaction ADD CONSTRAINT policy_transaction_kind_check
  CHECK (kind IN ('issue', 'cancellation', 'new_purchase', 'endorsement', 'reinstatement', 'void', 'assignment', 'renewal', 'total_loss'));

-- The most an adjuster may have paid on one claim without another person's approval, per currency. No row:
-- authority 0, so every payment waits for someone whose limit covers it. Set by admins (claims:manage_authority).
CREATE TABLE adjuster_payment_authority (
  user_id uuid NOT NULL REFERENCES app_user(id),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  limit_amount numeric(14, 2) NOT NULL CHECK (limit_amount >= 0),
  set_by uuid NOT NULL REFERENCES app_user(id),
  set_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, currency)
);

-- The claim's reserve as a ledger: never edited, one row per change with the balance after it (set, change with
-- a reason, release, and each payment, which uses up the reserve).
CREATE TABLE claim_reserve_entry (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  entry_no integer NOT NULL CHECK (entry_no >= 1),
  kind text NOT NULL CHECK (kind IN ('set', 'change', 'release', 'payment')),
  amount_change numeric(14, 2) NOT NULL,
  balance numeric(14, 2) NOT NULL CHECK (balance >= 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  reason text,
  payment_id uuid,
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL,
  UNIQUE (claim_id, entry_no),
  -- A change and a release always say why; a payment names the payment.
  CHECK (kind NOT IN ('change', 'release') OR reason IS NOT NULL),
  CHECK ((kind = 'payment') = (payment_id IS NOT NULL))
);

-- JPF-SETTLE-2: a repair or replacement order to the selling jeweler or an approved one (a user with role jeweler).
-- It carries only what the jeweler needs: the item, what to do, the customer's name, address and phone. Sending it
-- is a disclosure, logged by the privacy module (disclosure_id, PRV-DISC-3).
CREATE TABLE jeweler_order (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  order_no integer NOT NULL CHECK (order_no >= 1),
  jeweler_user_id uuid NOT NULL REFERENCES app_user(id),
  kind text NOT NULL CHECK (kind IN ('repair', 'replace')),
  line_no integer NOT NULL,
  item_description text NOT NULL,
  instructions text NOT NULL,
  customer_name text NOT NULL,
  customer_address text NOT NULL,
  customer_phone text,
  -- Option: the jeweler collects the policy deductible from the insured; the insurer then pays the worksheet amount
  -- (already net of the deductible).
  collect_deductible boolean NOT NULL DEFAULT false,
  deductible_amount numeric(14, 2),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  status text NOT NULL CHECK (status IN ('sent', 'accepted', 'completed', 'cancelled')),
  disclosure_id uuid NOT NULL,
  invoice_amount numeric(14, 2) CHECK (invoice_amount > 0),
  completion_note text,
  cancel_reason text,
  sent_by uuid NOT NULL REFERENCES app_user(id),
  sent_at timestamptz NOT NULL,
  accepted_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  UNIQUE (claim_id, order_no),
  CHECK (NOT collect_deductible OR deductible_amount IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
);
CREATE INDEX jeweler_order_jeweler_idx ON jeweler_order (jeweler_user_id, sent_at, id);

-- Payments on a claim, never more than the current settlement worksheet allows (JPF-SETTLE-1..8). A payment above
-- the payer's authority waits for another person's approval; an issued payment uses up the reserve.
CREATE TABLE claim_payment (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  payment_no integer NOT NULL CHECK (payment_no >= 1),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  -- The worksheet lines paid in full by this payment; empty for a payment on account (a partial payment).
  line_nos jsonb NOT NULL DEFAULT '[]',
  worksheet_id uuid NOT NULL REFERENCES settlement_worksheet(id),
  -- JPF-SETTLE-8: the insured unless a loss payee is named; JPF-SETTLE-2: or the jeweler who repairs or replaces.
  payee_kind text NOT NULL CHECK (payee_kind IN ('insured', 'loss_payee', 'jeweler')),
  payee_name text NOT NULL,
  payee_user_id uuid REFERENCES app_user(id),
  jeweler_order_id uuid REFERENCES jeweler_order(id),
  reference text,
  status text NOT NULL CHECK (status IN ('awaiting_approval', 'issued', 'rejected')),
  requested_by uuid NOT NULL REFERENCES app_user(id),
  requested_at timestamptz NOT NULL,
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  rejection_reason text,
  -- The day it was paid, in the claim's time zone.
  issued_on date,
  -- JPF-SETTLE-7: the items whose cover this payment ended (a total loss): [{ itemNo, policyTransactionId, refundId }].
  cover_ended jsonb NOT NULL DEFAULT '[]',
  UNIQUE (claim_id, payment_no),
  CHECK ((payee_kind = 'jeweler') = (payee_user_id IS NOT NULL)),
  CHECK ((status = 'issued') = (issued_on IS NOT NULL)),
  CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
);
CREATE INDEX claim_payment_claim_idx ON claim_payment (claim_id, payment_no);
CREATE INDEX claim_payment_awaiting_idx ON claim_payment (requested_at, id) WHERE status = 'awaiting_approval';

ALTER TABLE claim_reserve_entry ADD CONSTRAINT claim_reserve_entry_payment_fkey FOREIGN KEY (payment_id) REFERENCES claim_payment (id);
