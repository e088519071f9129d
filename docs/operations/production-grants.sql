-- Bezel on PostgreSQL in production: database roles and privileges (PostgreSQL 15 or later).
-- See docs/operations/audit.md and docs/decisions/0004-audit-chain-sealer.md.
--
-- Two roles:
--   bezel_owner  owns the database, the schema and every table; runs `bezel migrate`. The running
--                application never uses it.
--   bezel_app    the running application (web and worker). It is not the owner, so it cannot
--                ALTER TABLE (and so cannot disable the audit trigger), DROP or TRUNCATE anything.
--                On audit_event it may only add rows, seal them, and erase personal_details.
--
-- Order on a new server: Part 1 (as a superuser), then `bezel migrate` (as bezel_owner), then Part 2
-- (as bezel_owner). Afterwards run Part 2 again after EVERY `bezel migrate`; it is idempotent.
--   sed -n '1,/bezel-grants-after-migrate: begin/p' production-grants.sql | psql -v ON_ERROR_STOP=1 -U postgres -d postgres
--   sed -n '/bezel-grants-after-migrate: begin/,/bezel-grants-after-migrate: end/p' production-grants.sql \
--     | psql -v ON_ERROR_STOP=1 -U bezel_owner -d bezel
-- No default privileges are set, on purpose: a table added by a new migration stays unreachable for
-- the application until Part 2 runs again, which fails loudly, instead of a new table quietly
-- getting DELETE although it was meant to be append-only.

-- ============================== Part 1: roles and database ==============================

CREATE ROLE bezel_owner LOGIN;          -- then: \password bezel_owner
CREATE ROLE bezel_app LOGIN;            -- then: \password bezel_app
-- The application must not be able to turn itself into the owner.
ALTER ROLE bezel_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

CREATE DATABASE bezel OWNER bezel_owner ENCODING 'UTF8';
REVOKE ALL ON DATABASE bezel FROM PUBLIC;
GRANT CONNECT ON DATABASE bezel TO bezel_app;

-- ============================== Part 2: privileges (after every migrate) ==============================
-- bezel-grants-after-migrate: begin  (tests apply the text between these markers)

-- Only the owner creates objects (PostgreSQL 15 already revokes this from PUBLIC; say it anyway).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO bezel_app;

-- Ordinary tables: normal data manipulation. Deliberately not TRUNCATE, REFERENCES or TRIGGER.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO bezel_app;
-- USAGE lets INSERT draw ids from bigserial sequences (nextval); SELECT lets it read currval.
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO bezel_app;

-- The migration ledger belongs to `bezel migrate`; the application may only read it.
REVOKE ALL ON schema_migration FROM bezel_app;
GRANT SELECT ON schema_migration TO bezel_app;

-- The audit log is append-only. The application may insert events (in the business transaction),
-- read them (sealer, verify, access packages), fill in the four seal columns (the sealer) and null
-- personal_details (erasure). It may not change what an event says, nor delete or truncate events.
-- The trigger audit_event_append_only enforces the same rules for every role, including this one;
-- the grants are the second lock, and the one a superuser cannot switch off by accident.
REVOKE ALL ON audit_event FROM bezel_app;
GRANT SELECT, INSERT ON audit_event TO bezel_app;
GRANT UPDATE (chain_seq, prev_hash, hash, sealed_at, personal_details) ON audit_event TO bezel_app;

-- bezel-grants-after-migrate: end
