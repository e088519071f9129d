-- Uploaded files (issue #3: "appraisal (upload PDF/JPEG/PNG, type checked by content, size-limited)";
-- JPF-ADD-1 receipt and appraisal; JPF-COND-9 written request with an appraisal). Decision 0008:
-- the bytes are kept in the database, beside the rows that need them, so one backup holds
-- everything and every instance (PostgreSQL or PGlite) sees the same files.
-- content_type is what the bytes are (sniffed by their magic number), declared_content_type what the
-- uploader said; a file whose claim and content disagree is refused before anything is written.
-- A file is linked at most once, to the application or policy it supports. Applications and policies
-- are referenced by id without a foreign key (like documents, 0007), so the files module does not
-- depend on the policies module's tables.

CREATE TABLE stored_file (
  id uuid PRIMARY KEY,
  -- The customer the file is about: the uploader, until it is linked to someone else's application or policy.
  owner_user_id uuid NOT NULL REFERENCES app_user (id),
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  purpose text NOT NULL CHECK (purpose IN ('appraisal', 'receipt', 'other')),
  declared_content_type text CHECK (char_length(declared_content_type) <= 200),
  sniffed_content_type text NOT NULL CHECK (sniffed_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  linked_type text CHECK (linked_type IN ('application', 'policy')),
  linked_id uuid,
  -- For an application: the item (0-based, in the order posted) the appraisal belongs to.
  linked_item_index integer CHECK (linked_item_index >= 0),
  linked_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((linked_type IS NULL) = (linked_id IS NULL) AND (linked_id IS NULL) = (linked_at IS NULL))
);
CREATE INDEX stored_file_owner ON stored_file (owner_user_id, created_at);
CREATE INDEX stored_file_uploader ON stored_file (uploaded_by, created_at);
CREATE INDEX stored_file_link ON stored_file (linked_type, linked_id) WHERE linked_id IS NOT NULL;
