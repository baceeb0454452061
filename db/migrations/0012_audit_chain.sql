-- The moderation log as a hash chain (lib/audit/chain.ts documents the canonical form).
-- Canonical text of an entry: PostgreSQL's jsonb rendering of the array
--   [chain_seq, prev_hash, actor_digest, action, target_type, target_id, reason, details, created_at]
-- with created_at as UTC 'YYYY-MM-DDTHH:MI:SS.ffffffZ'; hash = hex sha256 of its UTF-8 bytes.
CREATE OR REPLACE FUNCTION audit_log_canonical(seq bigint, prev text, actor_digest text, action text, target_type text, target_id text, reason text, details jsonb, created_at timestamptz)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(seq, prev, actor_digest, action, target_type, target_id, reason, details,
    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  -- The head row is locked until this transaction ends, so inserts join the chain one at a time;
  -- under repeatable read a concurrent insert makes this fail (and retry) rather than fork.
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.actor_digest := CASE WHEN NEW.actor_id IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.actor_id::text, 'UTF8')), 'hex') END;
  NEW.hash := encode(sha256(convert_to(audit_log_canonical(NEW.chain_seq, NEW.prev_hash, NEW.actor_digest, NEW.action, NEW.target_type, NEW.target_id, NEW.reason, NEW.details, NEW.created_at), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Append-only: the one change allowed is erasing an account, which clears actor_id.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the moderation log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Existing entries join the chain in the order they were written.
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
  digest text;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    digest := CASE WHEN r.actor_id IS NULL THEN NULL ELSE encode(sha256(convert_to(r.actor_id::text, 'UTF8')), 'hex') END;
    UPDATE audit_log SET chain_seq = n, prev_hash = prev, actor_digest = digest,
      hash = encode(sha256(convert_to(audit_log_canonical(n, prev, digest, r.action, r.target_type, r.target_id, r.reason, r.details, r.created_at), 'UTF8')), 'hex')
      WHERE id = r.id RETURNING hash INTO prev;
  END LOOP;
  IF n > 0 THEN
    INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, n, prev);
  END IF;
END
$$;
--> statement-breakpoint
-- After a restore that wrote entries verbatim (triggers off): the head follows the newest entry.
CREATE OR REPLACE FUNCTION audit_chain_reset_head() RETURNS void LANGUAGE sql AS $$
  DELETE FROM audit_chain_head;
  INSERT INTO audit_chain_head (id, seq, hash) SELECT 1, chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_link BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_link();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
