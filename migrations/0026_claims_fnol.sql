-- Issue #4, first notice of loss: what the claim table (0024) does not hold of the report, the claim's photos and
-- documents as stored files, and the indexes of the adjuster's queue.

-- The report's own facts beside the claim row: JPF-DUTY-3 the reporter said the loss results from a violation of
-- law (always for theft; e.g. vandalism for damage), and the withdrawal of the claim by its reporter or holder.
CREATE TABLE claim_first_notice (
  claim_id uuid PRIMARY KEY REFERENCES claim(id),
  violation_of_law boolean NOT NULL,
  withdrawn_at timestamptz,
  withdrawal_reason text CHECK (char_length(withdrawal_reason) <= 2000),
  CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
);

-- Photos, documents and the police report (JPF-DUTY-3) are uploaded first and linked to the claim they support.
ALTER TABLE stored_file DROP CONSTRAINT stored_file_purpose_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_purpose_check
  CHECK (purpose IN ('appraisal', 'receipt', 'other', 'claim_photo', 'claim_document', 'police_report'));
ALTER TABLE stored_file DROP CONSTRAINT stored_file_linked_type_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_linked_type_check CHECK (linked_type IN ('application', 'policy', 'claim'));

-- The adjuster's queue: open claims in the order reported, read a page at a time by keyset (reported_at, id), by
-- any adjuster or unassigned (adjuster_user_id IS NULL). The partial indexes hold only the open claims, so the
-- queue's cost does not grow with the settled and closed ones; the predicate is repeated word for word by the
-- query (claim-queue-repository.ts) so the planner can prove it. A single status uses claim_queue_idx (0024).
CREATE INDEX claim_open_queue_idx ON claim (reported_at, id)
  WHERE status IN ('reported', 'needs_information', 'covered');
CREATE INDEX claim_open_adjuster_queue_idx ON claim (adjuster_user_id, reported_at, id)
  WHERE status IN ('reported', 'needs_information', 'covered');
-- "Overdue": the claim has an open diary entry due before today.
CREATE INDEX claim_diary_open_claim_idx ON claim_diary_entry (claim_id, due_on) WHERE status = 'open';
