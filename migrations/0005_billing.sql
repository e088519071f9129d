-- Basic billing (issue #3, "Basic billing"): accounts, invoices with an ISO 11649 structured
-- reference, bank-transfer payments allocated to invoices, and refunds as payables.
-- Money is always a new row, never an edit of an amount: a payment and its allocations are
-- written once; an invoice's status only records what its allocations already say.
-- Policies are referenced by id and number only, without a foreign key, so that billing does not
-- depend on the policies module's tables (other modules call billing, not the other way round).

-- Hands out the numbers that structured references are made from (RF + check digits + number).
CREATE SEQUENCE invoice_reference_seq;

CREATE TABLE billing_account (
  id uuid PRIMARY KEY,
  holder_user_id uuid NOT NULL REFERENCES app_user (id),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  created_at timestamptz NOT NULL,
  UNIQUE (holder_user_id, currency)
);

CREATE TABLE invoice (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES billing_account (id),
  policy_id uuid NOT NULL,
  policy_number text NOT NULL CHECK (policy_number <> ''),
  kind text NOT NULL CHECK (kind IN ('premium', 'endorsement', 'renewal')),
  amount numeric NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  issued_on date NOT NULL,
  due_on date NOT NULL,
  -- ISO 11649 creditor reference in its electronic form, e.g. 'RF18000000042'.
  structured_reference text NOT NULL UNIQUE CHECK (structured_reference ~ '^RF[0-9]{2}[0-9A-Z]{1,21}$'),
  status text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
  created_at timestamptz NOT NULL,
  CONSTRAINT invoice_due_after_issue CHECK (due_on >= issued_on)
);
CREATE INDEX invoice_account ON invoice (account_id);
CREATE INDEX invoice_policy ON invoice (policy_id);

CREATE TABLE payment (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES billing_account (id),
  amount numeric NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  received_on date NOT NULL,
  -- Installments, cards and direct debit come later as further methods.
  method text NOT NULL CHECK (method IN ('bank_transfer')),
  -- The reference the payer wrote, as received.
  reference text NOT NULL,
  source text NOT NULL CHECK (source IN ('manual', 'bank_statement')),
  -- The bank's own id of the statement entry: importing a statement again never doubles a payment.
  bank_transaction_id text UNIQUE,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX payment_account ON payment (account_id);

CREATE TABLE payment_allocation (
  payment_id uuid NOT NULL REFERENCES payment (id),
  invoice_id uuid NOT NULL REFERENCES invoice (id),
  amount numeric NOT NULL CHECK (amount > 0),
  PRIMARY KEY (payment_id, invoice_id)
);
CREATE INDEX payment_allocation_invoice ON payment_allocation (invoice_id);

-- JPF-CANCEL-3: a refund is a billing transaction of its own, tracked until it is paid.
CREATE TABLE refund (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES billing_account (id),
  policy_id uuid NOT NULL,
  policy_number text NOT NULL CHECK (policy_number <> ''),
  amount numeric NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  reason text NOT NULL CHECK (reason <> ''),
  status text NOT NULL CHECK (status IN ('payable', 'paid')),
  created_at timestamptz NOT NULL,
  paid_on date,
  paid_reference text,
  paid_by text,
  CONSTRAINT refund_paid_has_date CHECK ((status = 'paid') = (paid_on IS NOT NULL))
);
CREATE INDEX refund_account ON refund (account_id);
CREATE INDEX refund_policy ON refund (policy_id);
