-- JPF-COND-6 / JPF-CANCEL-2 (issue #3, "Policy transactions"): every change after issue is a policy
-- transaction with a document, and the insurer's cancellation is a written notice. A document can now be
-- the written confirmation of a policy transaction ('policy_change') or the insurer's notice of
-- cancellation ('cancellation_notice'); policy_transaction_id says which transaction it documents (null for
-- the declarations page). One document per transaction: the unique index lets a rerun of the job find the
-- stored one. Referenced by id without a foreign key, like policy_id (0007), so the documents module does
-- not depend on the policies module's tables.

ALTER TABLE document DROP CONSTRAINT document_kind_check;
ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN ('declarations', 'policy_change', 'cancellation_notice'));
ALTER TABLE document ADD COLUMN policy_transaction_id uuid;
CREATE UNIQUE INDEX document_policy_transaction ON document (policy_transaction_id) WHERE policy_transaction_id IS NOT NULL;
