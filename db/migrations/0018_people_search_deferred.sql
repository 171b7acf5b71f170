-- A bulk path for the people-search index of 0014. A transaction that sets `set local rapport.defer_search = on`
-- (a seed, an import of thousands) has its triggers only note the people each statement touched, in a temporary
-- table dropped at commit, and recomputes them all in one set-based refresh when the transaction commits (a
-- deferred constraint trigger), instead of one refresh per statement. `select people_search_flush()` refreshes
-- earlier, for a transaction that reads search results after its own writes. Without the setting every trigger
-- refreshes at once, as before. The trigger functions below are 0014's, with people_search_refresh(...) replaced
-- by people_search_touched(...).

-- Recomputes everyone noted while search was deferred, in one refresh, and forgets them. Safe to call when
-- nothing was deferred. Returns how many people were noted.
CREATE FUNCTION people_search_flush() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[];
BEGIN
  IF to_regclass('pg_temp.people_search_pending') IS NULL THEN
    RETURN 0;
  END IF;
  v_ids := ARRAY(SELECT id FROM pg_temp.people_search_pending);
  DELETE FROM pg_temp.people_search_pending;
  PERFORM people_search_refresh(v_ids);
  RETURN cardinality(v_ids);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION people_search_flush_at_commit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_flush();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Refreshes the given people now, or, while the transaction defers search, notes them for people_search_flush().
CREATE FUNCTION people_search_touched(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN
    RETURN;
  END IF;
  IF coalesce(current_setting('rapport.defer_search', true), '') <> 'on' THEN
    PERFORM people_search_refresh(p_ids);
    RETURN;
  END IF;
  IF to_regclass('pg_temp.people_search_pending') IS NULL THEN
    CREATE TEMPORARY TABLE people_search_pending (id uuid PRIMARY KEY) ON COMMIT DROP;
    -- One row, whose deferred trigger runs the refresh once when the transaction commits.
    CREATE TEMPORARY TABLE people_search_pending_commit (flush boolean) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER people_search_flush_at_commit AFTER INSERT ON pg_temp.people_search_pending_commit
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION people_search_flush_at_commit();
    INSERT INTO pg_temp.people_search_pending_commit VALUES (true);
  END IF;
  INSERT INTO pg_temp.people_search_pending (id) SELECT DISTINCT x FROM unnest(p_ids) AS u(x) WHERE x IS NOT NULL
    ON CONFLICT DO NOTHING;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_people() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
  v_words text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_touched(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.name IS DISTINCT FROM o.name OR n.role IS DISTINCT FROM o.role OR n.email IS DISTINCT FROM o.email
          OR n.notes IS DISTINCT FROM o.notes OR n.organisation_id IS DISTINCT FROM o.organisation_id
          OR n.sector_id IS DISTINCT FROM o.sector_id OR n.deleted_at IS DISTINCT FROM o.deleted_at
          OR n.user_id IS DISTINCT FROM o.user_id));
  ELSE
    FOR v_user IN SELECT DISTINCT user_id FROM old_rows LOOP
      -- Left alone when the user themself is being deleted (their stats and words go with them).
      IF EXISTS (SELECT 1 FROM users u WHERE u.id = v_user) THEN
        INSERT INTO people_stats (user_id, version) VALUES (v_user, 1)
          ON CONFLICT (user_id) DO UPDATE SET version = people_stats.version + 1;
        SELECT array_agg(DISTINCT w.word) INTO v_words
          FROM old_rows p, unnest(tsvector_to_array(p.search_vector)) AS w(word)
         WHERE p.user_id = v_user AND w.word ~ '^[[:alnum:]]+$';
        PERFORM search_words_forget(v_user, v_words);
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_organisations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_touched(ARRAY(
    SELECT p.id FROM people p
      JOIN new_rows n ON n.id = p.organisation_id AND n.user_id = p.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name OR n.sector_id IS DISTINCT FROM o.sector_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_sectors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_touched(ARRAY(
    SELECT p.id FROM people p
      JOIN new_rows n ON n.user_id = p.user_id AND n.id = p.effective_sector_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name
    UNION
    SELECT p.id FROM people p
      JOIN organisations org ON org.id = p.organisation_id AND org.user_id = p.user_id
      JOIN new_rows n ON n.user_id = p.user_id AND n.id = coalesce(p.sector_id, org.sector_id)
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_touched(ARRAY(
    SELECT DISTINCT e.person_id FROM encounters e
      JOIN new_rows n ON n.id = e.event_id AND n.user_id = e.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.title IS DISTINCT FROM o.title OR n.series IS DISTINCT FROM o.series
        OR n.starts_at IS DISTINCT FROM o.starts_at OR n.deleted_at IS DISTINCT FROM o.deleted_at));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_encounters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_touched(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id));
  ELSE
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_encounter_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN new_rows n ON n.encounter_id = e.id AND n.user_id = e.user_id));
  ELSE
    PERFORM people_search_touched(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN old_rows o ON o.encounter_id = e.id AND o.user_id = e.user_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_person_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSE
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_on_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_touched(ARRAY(
    SELECT e.person_id FROM encounter_topics et
      JOIN encounters e ON e.id = et.encounter_id AND e.user_id = et.user_id
      JOIN new_rows n ON n.id = et.topic_id AND n.user_id = et.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name
    UNION
    SELECT pt.person_id FROM person_topics pt
      JOIN new_rows n ON n.id = pt.topic_id AND n.user_id = pt.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name));
  RETURN NULL;
END;
$$;
