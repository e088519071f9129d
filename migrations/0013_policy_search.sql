-- Back-office search (issue #3, "Screens and API": search by policy number, name, email, item).
-- PGlite, the embedded database, is built without pg_trgm, so the search cannot rely on trigram
-- indexes. It matches by prefix instead, with indexes both databases have:
--  - the policy number and the holder's email by a LIKE 'prefix%' (wildcards in the input escaped),
--    served by btree text_pattern_ops indexes whatever the database's collation;
--  - the named insureds' names and the items' descriptions word by word ('carl cust' finds "Carla
--    Customer"), by a full-text prefix query (to_tsquery('simple', 'carl:* & cust:*')) served by GIN
--    expression indexes. The 'simple' configuration lowercases and does not stem, so names stay as typed.
-- The queries in src/modules/policies/search-repository.ts use exactly these expressions.

CREATE INDEX policy_number_prefix ON policy (policy_number text_pattern_ops);
CREATE INDEX app_user_email_prefix ON app_user (email text_pattern_ops);
CREATE INDEX application_named_insured_words ON application USING gin (jsonb_to_tsvector('simple'::regconfig, named_insureds, '["string"]'::jsonb));
CREATE INDEX scheduled_item_description_words ON scheduled_item USING gin (to_tsvector('simple'::regconfig, description));
