-- The election log is append-only: TRUNCATE (which skips row triggers) is refused too, whoever asks.
CREATE OR REPLACE FUNCTION "election_log_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ElectionLogEntry is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ElectionLogEntry_no_truncate"
  BEFORE TRUNCATE ON "ElectionLogEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "election_log_append_only"();
