-- Issue #5 ("cost follows the person's data, not the size of the database"): the access package and erasure
-- (PRV-RIGHT-1, PRV-RIGHT-3) find a person's rows through the data map's subject columns and the links of
-- src/modules/privacy/fulfilment/domain/reach.ts. Each such column gets an index that leads with it, so each
-- lookup reads the person's rows only. Partial indexes on live rows (consent_record_live, …) do not serve a
-- lookup of all of a person's rows; they stay for their uniqueness rules. docs/decisions/0015-erasure-lookups.md.

-- audit_event: by subject_id alone (reach links an event to a user, application or policy id). A query with
-- subject_type and subject_id uses it too, so it replaces the (subject_type, subject_id) index rather than
-- joining it: every audit insert pays for each index.
DROP INDEX audit_event_subject;
CREATE INDEX audit_event_subject_id ON audit_event (subject_id);
CREATE INDEX audit_event_actor_id ON audit_event (actor_id) WHERE actor_id IS NOT NULL;

CREATE INDEX assignment_request_from_user ON assignment_request (from_user_id);
CREATE INDEX assignment_request_to_user ON assignment_request (to_user_id);
CREATE INDEX cancellation_request_policy ON cancellation_request (policy_id);
CREATE INDEX cancellation_request_requested_by ON cancellation_request (requested_by);
CREATE INDEX endorsement_request_requested_by ON endorsement_request (requested_by);
CREATE INDEX policy_signature_recorded_by ON policy_signature (recorded_by);
CREATE INDEX renewal_failure_policy ON renewal_failure (policy_id);
CREATE INDEX signing_invitation_invited_by ON signing_invitation (invited_by);
CREATE INDEX stored_file_linked_id ON stored_file (linked_id) WHERE linked_id IS NOT NULL;
CREATE INDEX survey_invitation_user ON survey_invitation (user_id);
CREATE INDEX consent_record_user ON consent_record (user_id);
CREATE INDEX marketing_suppression_user ON marketing_suppression (user_id);
CREATE INDEX processing_restriction_user ON processing_restriction (user_id);
CREATE INDEX partner_authorisation_customer ON partner_authorisation (customer_user_id);

-- Erasure empties the mail jobs addressed to the person (PRV-RIGHT-3, "no log shows the person's identity").
-- Succeeded jobs go after 7 days and dead ones after 90, but a week of mail grows with the book: indexed.
CREATE INDEX job_mail_recipient ON job ((payload ->> 'to')) WHERE kind = 'mail.send';

-- Events about someone else can name the person in their personal part (a staff search for their name,
-- PRV-DISC-2). `mentions` holds the SHA-256 of every normalised string value of personal_details (NFC, lower
-- case, single spaces) and of each of its words of 4 characters or more, so erasure finds those events through
-- a GIN index instead of reading every event's personal_details. It is computed by the database from
-- personal_details (a generated column): every writer fills it, existing rows are filled here, and erasure,
-- which empties personal_details, empties it too. It is not part of the hashed event (audit-hash.ts), and
-- audit_event_guard lets it change with personal_details.
-- PL/pgSQL with built-in functions only and no query inside: a generated column must not depend on the
-- search_path (pg_dump restores with an empty one), and simple expressions cost an event with personal details
-- about 20 µs rather than the 45 µs of a query per event. audit_mention_keys repeats the normalisation for the
-- lookup; a test (src/platform/audit/audit-mentions.test.ts) checks that both hash alike.
CREATE FUNCTION audit_mentions(personal jsonb) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  strings jsonb := jsonb_path_query_array(personal, 'strict $.** ? (@.type() == "string")');
  normal text;
  word text;
  key text;
  keys text[] := '{}';
BEGIN
  FOR i IN 0 .. jsonb_array_length(strings) - 1 LOOP
    normal := lower(regexp_replace(btrim(normalize(strings ->> i, NFC)), '\s+', ' ', 'g'));
    CONTINUE WHEN normal = '';
    key := encode(sha256(convert_to(normal, 'UTF8')), 'hex');
    IF NOT key = ANY (keys) THEN keys := keys || key; END IF;
    FOREACH word IN ARRAY regexp_split_to_array(normal, '[\s,;:()<>"\[\]{}|/]+') LOOP
      word := btrim(word, '.,''"-');
      CONTINUE WHEN char_length(word) < 4;
      key := encode(sha256(convert_to(word, 'UTF8')), 'hex');
      IF NOT key = ANY (keys) THEN keys := keys || key; END IF;
    END LOOP;
  END LOOP;
  RETURN nullif(keys, '{}');
END
$$;

-- The keys erasure looks up: whole values (an email address, a name) and, from `words`, also each word of
-- 4 characters or more, normalised and hashed exactly as audit_mentions does.
CREATE FUNCTION audit_mention_keys(whole text[], words text[]) RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  value text;
  normal text;
  word text;
  key text;
  keys text[] := '{}';
BEGIN
  FOREACH value IN ARRAY coalesce(whole, '{}') || coalesce(words, '{}') LOOP
    normal := lower(regexp_replace(btrim(normalize(value, NFC)), '\s+', ' ', 'g'));
    CONTINUE WHEN normal IS NULL OR normal = '';
    key := encode(sha256(convert_to(normal, 'UTF8')), 'hex');
    IF NOT key = ANY (keys) THEN keys := keys || key; END IF;
    CONTINUE WHEN NOT value = ANY (coalesce(words, '{}'));
    FOREACH word IN ARRAY regexp_split_to_array(normal, '[\s,;:()<>"\[\]{}|/]+') LOOP
      word := btrim(word, '.,''"-');
      CONTINUE WHEN char_length(word) < 4;
      key := encode(sha256(convert_to(word, 'UTF8')), 'hex');
      IF NOT key = ANY (keys) THEN keys := keys || key; END IF;
    END LOOP;
  END LOOP;
  RETURN keys;
END
$$;

ALTER TABLE audit_event ADD COLUMN mentions text[] GENERATED ALWAYS AS (audit_mentions(personal_details)) STORED;
CREATE INDEX audit_event_mentions ON audit_event USING gin (mentions) WHERE mentions IS NOT NULL;
