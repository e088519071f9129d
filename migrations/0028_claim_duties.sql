-- Issue #4, "Duties and deadlines": what the insurer asks of the insured after a loss and what it records about
-- their conduct (policy form, What Must Be Done in Case of Loss). Each request has a diary entry of the matching
-- kind (claim_diary_entry.reference_id = the request's id) that its fulfilment closes.

-- JPF-DUTY-5 (examination under oath, exhibit the property, produce records) and JPF-DUTY-2 (written confirmation
-- of the notice), "as often as we may reasonably request".
CREATE TABLE claim_duty_request (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL CHECK (kind IN ('examination_under_oath', 'exhibit_property', 'produce_records', 'written_confirmation')),
  -- The promise ID the request rests on: 'JPF-DUTY-5' or 'JPF-DUTY-2'.
  clause text NOT NULL,
  -- What is asked: which records, which property, what to confirm.
  details text CHECK (char_length(details) <= 2000),
  -- Examination under oath: when and where; the due date is the examination's date.
  examination_on date,
  examination_time text CHECK (examination_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text CHECK (char_length(place) <= 500),
  due_on date NOT NULL,
  -- open → answered (the insured sent documents) → fulfilled (the adjuster recorded it); or withdrawn.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'fulfilled', 'withdrawn')),
  requested_by uuid NOT NULL REFERENCES app_user(id),
  requested_at timestamptz NOT NULL,
  -- The insured's answer in the portal (documents requested, written confirmation).
  answered_by uuid REFERENCES app_user(id),
  answered_at timestamptz,
  answer_note text CHECK (char_length(answer_note) <= 2000),
  -- The adjuster's record that the duty was done.
  fulfilled_on date,
  fulfilment_note text CHECK (char_length(fulfilment_note) <= 2000),
  fulfilled_by uuid REFERENCES app_user(id),
  fulfilled_at timestamptz,
  CHECK (kind <> 'examination_under_oath' OR (examination_on IS NOT NULL AND place IS NOT NULL)),
  CHECK ((answered_at IS NULL) = (answered_by IS NULL)),
  CHECK ((status = 'fulfilled') = (fulfilled_on IS NOT NULL AND fulfilled_by IS NOT NULL AND fulfilled_at IS NOT NULL))
);
CREATE INDEX claim_duty_request_claim_idx ON claim_duty_request (claim_id, requested_at);

-- The documents the insured sent in answer to a request (files uploaded with purpose 'claim_document'). Files are
-- referenced by id without a foreign key, as the files module's own links are; a file answers one request only.
CREATE TABLE claim_duty_request_file (
  request_id uuid NOT NULL REFERENCES claim_duty_request(id),
  file_id uuid NOT NULL UNIQUE,
  attached_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, file_id)
);

-- JPF-DUTY-6 (cooperation issues) and JPF-DUTY-7 (an offer to abandon the property to the insurer, refused unless
-- the insurer consents in writing), recorded on the claim.
CREATE TABLE claim_duty_record (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claim(id),
  kind text NOT NULL CHECK (kind IN ('cooperation_issue', 'abandonment_offer')),
  clause text NOT NULL,
  occurred_on date NOT NULL,
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 2000),
  decision text CHECK (decision IN ('refused', 'consented')),
  consent_reference text CHECK (char_length(consent_reference) <= 200),
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL,
  CHECK ((kind = 'abandonment_offer') = (decision IS NOT NULL)),
  -- JPF-DUTY-7: consent only in writing; a refusal names no consent.
  CHECK (CASE WHEN decision IS NULL THEN consent_reference IS NULL ELSE (decision = 'consented') = (consent_reference IS NOT NULL) END)
);
CREATE INDEX claim_duty_record_claim_idx ON claim_duty_record (claim_id, recorded_at);
