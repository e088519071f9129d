-- Row triggers do not fire on TRUNCATE: refuse it explicitly, so even the owner cannot empty the
-- audit log in one statement (docs/operations/audit.md).
CREATE FUNCTION audit_event_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event rows are append-only and cannot be truncated' USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();
