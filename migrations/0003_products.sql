-- Products and rating as data (issue #3, "Products and rating"): a product has numbered versions
-- whose definition (item categories, coverages, deductible options, underwriting and jurisdiction
-- rules) is data, and rate tables with effective dates, uploaded as drafts and then activated.
-- A policy keeps the product version it was sold under; a quote names the table versions it used.

CREATE TABLE product (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text NOT NULL,
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  -- ISO 3166-1 alpha-2: the country whose states' rules (JPF-COND-2) the product follows.
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL
);

CREATE TABLE product_version (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES product (id),
  version integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  -- JPF-COND-3 (liberalization): a revision that broadens coverage without extra premium applies
  -- to policies in force when it is adopted, or that begin within six months after adoption.
  broadening boolean NOT NULL DEFAULT false,
  adopted_on date,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (product_id, version),
  CONSTRAINT product_version_broadening_adopted CHECK (NOT broadening OR adopted_on IS NOT NULL)
);
CREATE INDEX product_version_in_force ON product_version (product_id, effective_from) WHERE status = 'active';

-- One version of one named table (category_rate, territory_factor, …) of a product. Drafts have no
-- effective date; activation gives one. Active versions are never edited, so every worksheet that
-- names (table, version) can be re-checked later.
CREATE TABLE rate_table (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES product (id),
  name text NOT NULL CHECK (name ~ '^[a-z][a-z_]{1,39}$'),
  version integer NOT NULL CHECK (version >= 1),
  effective_from date,
  status text NOT NULL CHECK (status IN ('draft', 'active')),
  -- Who uploaded: a user id, or 'system:<name>' for seeded data (as audit_event.actor_id).
  uploaded_by text NOT NULL,
  source_sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  activated_by text,
  activated_at timestamptz,
  UNIQUE (product_id, name, version),
  CONSTRAINT rate_table_active_has_date CHECK (status = 'draft' OR (effective_from IS NOT NULL AND activated_at IS NOT NULL))
);
-- At most one active version of a table takes effect on a given day: rating is never ambiguous.
CREATE UNIQUE INDEX rate_table_one_per_day ON rate_table (product_id, name, effective_from) WHERE status = 'active';

CREATE TABLE rate_table_row (
  rate_table_id uuid NOT NULL REFERENCES rate_table (id),
  key text NOT NULL CHECK (key <> ''),
  value numeric NOT NULL CHECK (value >= 0),
  PRIMARY KEY (rate_table_id, key)
);
