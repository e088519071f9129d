-- PRV-RIGHT-4 on the hot path: whether a person's processing is restricted is read with the person who acts
-- (the session or API-token lookup every request already makes), not by one more query per quote and bind.
-- processing_restriction (0019) stays the history of restrictions; this flag mirrors whether one is live and
-- is set and cleared by the privacy module's restriction use cases in the same transaction.
ALTER TABLE app_user ADD COLUMN processing_restricted boolean NOT NULL DEFAULT false;
UPDATE app_user SET processing_restricted = true
WHERE id IN (SELECT user_id FROM processing_restriction WHERE lifted_at IS NULL);
