-- Generated documents (issue #3, "Bind and issue": the declarations page; DESIGN §4 Documents).
-- The bytes are stored once per content hash in document_content, in the database so that every
-- instance (and both PostgreSQL and PGlite) sees them; a document row says which policy, kind and
-- language a stored file is. The same content for the same policy, kind and language is one row.
-- Policies are referenced by id without a foreign key, like billing does (0005), so that the
-- documents module does not depend on the policies module's tables.

CREATE TABLE document_content (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  created_at timestamptz NOT NULL
);

CREATE TABLE document (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('declarations')),
  locale text NOT NULL CHECK (locale IN ('en', 'nl')),
  sha256 text NOT NULL REFERENCES document_content (sha256),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  created_at timestamptz NOT NULL,
  UNIQUE (policy_id, kind, locale, sha256)
);
CREATE INDEX document_policy ON document (policy_id, created_at);
