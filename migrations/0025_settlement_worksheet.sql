-- Issue #4, JPF-SETTLE-1..8: the settlement worksheet of a claim, stored as versions. Each version keeps every
-- candidate amount per claim item (lines, JSON) and the total the insurer may pay; the newest version is the
-- current one. Payments never exceed the current worksheet's total (claim payments, a later migration).
CREATE TABLE settlement_worksheet (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  version integer NOT NULL CHECK (version >= 1),
  lines jsonb NOT NULL,
  total_payable numeric(14, 2) NOT NULL CHECK (total_payable >= 0),
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  -- Why the adjuster made this version (a new estimate, an appraisal award, a set share override...).
  reason text,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  -- JPF-SETTLE-9: the written agreement on the amount (with satisfactory proof of loss, it starts the 30 days).
  agreed_at timestamptz,
  agreed_by_name text,
  UNIQUE (claim_id, version)
);
