-- Legal holds (issue #5, PRV-RET-1: "retention rules per category, a purge job, legal holds"). A privacy
-- officer places a hold on a person (an app_user) or a policy with a reason — a lawsuit, a regulator's
-- inquiry, a fraud investigation — and releases it with a reason. While a hold is active the retention purge
-- and erasure leave the person's or policy's data alone. Rows are never deleted: the history of holds is
-- itself evidence. Policies are referenced by id without a foreign key (like documents, 0007), so the privacy
-- module does not depend on the policies module's tables.

CREATE TABLE legal_hold (
  id uuid PRIMARY KEY,
  subject_type text NOT NULL CHECK (subject_type IN ('app_user', 'policy')),
  subject_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason <> '' AND char_length(reason) <= 2000),
  placed_by uuid NOT NULL REFERENCES app_user (id),
  placed_at timestamptz NOT NULL,
  released_by uuid REFERENCES app_user (id),
  released_at timestamptz,
  release_reason text CHECK (char_length(release_reason) <= 2000),
  CONSTRAINT legal_hold_released CHECK (
    (released_at IS NULL) = (released_by IS NULL) AND (released_at IS NULL) = (release_reason IS NULL)
    AND (release_reason IS NULL OR release_reason <> '')
  )
);
-- The purge and erasure ask "is this person or policy held?" for every batch.
CREATE INDEX legal_hold_active ON legal_hold (subject_type, subject_id) WHERE released_at IS NULL;
CREATE INDEX legal_hold_placed ON legal_hold (placed_at DESC);
