-- Signing invitations (issue #3; JPF-COND-9 removals, JPF-CANCEL-1 cancellations by the insured).
-- Every named insured signs a pending removal or cancellation request. Named insureds without a login
-- are invited by the holder (or staff) with a one-time link mailed to the address given: only the
-- link's SHA-256 is stored; it expires after 14 days, works once, and is bound to one request and one
-- named insured. Signing through it records a policy_signature with method 'emailed_link'; its
-- recorded_by is the user who sent the invitation (the signer has no login).

ALTER TABLE policy_signature DROP CONSTRAINT policy_signature_method_check;
ALTER TABLE policy_signature ADD CONSTRAINT policy_signature_method_check CHECK (method IN ('portal', 'paper', 'emailed_link'));

CREATE TABLE signing_invitation (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policy (id),
  -- The request to sign: a cancellation request, or else an endorsement request (exactly one of the two).
  cancellation_request_id uuid REFERENCES cancellation_request (id),
  endorsement_request_id uuid REFERENCES endorsement_request (id),
  -- The named insured invited to sign, as written on the request.
  named_insured text NOT NULL,
  -- Where the link was mailed (personal; deleted by the retention purge 30 days after expiry).
  email text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when the link was used to sign; the signature it recorded.
  used_at timestamptz,
  signature_id uuid REFERENCES policy_signature (id),
  -- Set when a newer invitation for the same request and named insured replaced this one.
  revoked_at timestamptz,
  CONSTRAINT signing_invitation_one_request CHECK ((cancellation_request_id IS NULL) <> (endorsement_request_id IS NULL)),
  CONSTRAINT signing_invitation_used CHECK ((used_at IS NULL) = (signature_id IS NULL))
);
CREATE INDEX signing_invitation_policy ON signing_invitation (policy_id);
CREATE INDEX signing_invitation_expires ON signing_invitation (expires_at);
