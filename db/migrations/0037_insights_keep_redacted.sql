-- The words an off-the-record fact had are kept to cut from posts after the fact is edited or deleted (redacted_texts,
-- migration 0036): a post composed from them, or a social post that shortened them, must not show them again once
-- the fact's row says something else or is gone. Putting a fact back on the record drops what was kept for it.
-- A fact deleted with its user's account keeps nothing (the user row is gone; its rows go with it). Words kept once
-- are not kept twice.
CREATE OR REPLACE FUNCTION insights_keep_redacted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.off_the_record AND EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id)
       AND NOT EXISTS (SELECT 1 FROM redacted_texts r WHERE r.user_id = OLD.user_id AND r.text = OLD.text) THEN
      INSERT INTO redacted_texts (user_id, insight_id, text) VALUES (OLD.user_id, OLD.id, OLD.text);
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.off_the_record AND NOT NEW.off_the_record THEN
    DELETE FROM redacted_texts r WHERE r.user_id = OLD.user_id AND r.insight_id = OLD.id;
  ELSIF OLD.off_the_record AND NEW.text IS DISTINCT FROM OLD.text
        AND NOT EXISTS (SELECT 1 FROM redacted_texts r WHERE r.user_id = OLD.user_id AND r.text = OLD.text) THEN
    INSERT INTO redacted_texts (user_id, insight_id, text) VALUES (OLD.user_id, OLD.id, OLD.text);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER insights_keep_redacted
  AFTER UPDATE OF text, off_the_record OR DELETE ON insights
  FOR EACH ROW EXECUTE FUNCTION insights_keep_redacted();
