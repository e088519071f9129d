-- Newly purchased jewelry (JPF-ADD-1): an item bought during the period and reported within 30 days is
-- added to the schedule from its purchase date by a policy_transaction of kind 'new_purchase' whose
-- premium change is the item's pro-rata premium to the end of the period.

ALTER TABLE policy_transaction DROP CONSTRAINT policy_transaction_kind_check;
ALTER TABLE policy_transaction ADD CONSTRAINT policy_transaction_kind_check CHECK (kind IN ('issue', 'cancellation', 'new_purchase'));

ALTER TABLE scheduled_item ADD COLUMN purchase_date date;
ALTER TABLE scheduled_item ADD COLUMN added_by_transaction uuid REFERENCES policy_transaction (id);
