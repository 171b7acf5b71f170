-- The people-search index (search_text, title_text, effective_sector_id, last_met_at, the search_words
-- vocabulary and the people_stats version) kept by the database: statement-level triggers on every table the
-- index reads collect the people a statement touched (from its transition tables) and recompute them in one
-- set-based update, so no write path can forget it and a bulk insert costs one refresh per statement.

-- Forgets words a user's people no longer have (a renamed or deleted person's old name). Only plain words are
-- ever forgotten: for an e-mail or web address the lookup could miss a holder, and a word wrongly forgotten
-- could not be searched for, while one wrongly kept only finds no one.
CREATE FUNCTION search_words_forget(p_user uuid, p_words text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_words IS NULL OR cardinality(p_words) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM search_words sw
   WHERE sw.user_id = p_user
     AND sw.word = ANY(p_words)
     AND NOT EXISTS (SELECT 1 FROM people p
                      WHERE p.user_id = p_user AND p.deleted_at IS NULL
                        AND p.search_vector @@ to_tsquery('simple', sw.word));
END;
$$;
--> statement-breakpoint
-- Recomputes the derived search columns of the given people (any users') from their own fields, organisation,
-- sector, their topics, and the topics and events of their encounters; keeps each user's vocabulary in step.
CREATE FUNCTION people_search_refresh(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
  v_before text[];
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN
    RETURN;
  END IF;
  FOR v_user IN SELECT DISTINCT p.user_id FROM people p WHERE p.id = ANY(p_ids) LOOP
    -- Whatever changed, the kept counts of people per sector are out of date (see peopleStats).
    INSERT INTO people_stats (user_id, version) VALUES (v_user, 1)
      ON CONFLICT (user_id) DO UPDATE SET version = people_stats.version + 1;
    -- The plain words these people had, to forget afterwards those that no one has any more.
    SELECT array_agg(DISTINCT w.word) INTO v_before
      FROM people p, unnest(tsvector_to_array(p.search_vector)) AS w(word)
     WHERE p.user_id = v_user AND p.id = ANY(p_ids) AND w.word ~ '^[[:alnum:]]+$';
    WITH target AS (
      SELECT p.id, p.organisation_id, p.sector_id FROM people p WHERE p.user_id = v_user AND p.id = ANY(p_ids)
    ),
    met AS (
      SELECT e.person_id, max(ev.starts_at) AS last_met,
             string_agg(DISTINCT concat_ws(' ', ev.title, ev.series), ' ') AS events
        FROM encounters e
        JOIN events ev ON ev.id = e.event_id AND ev.user_id = v_user AND ev.deleted_at IS NULL
       WHERE e.user_id = v_user AND e.person_id IN (SELECT id FROM target)
       GROUP BY e.person_id
    ),
    talked AS (
      SELECT x.person_id, string_agg(DISTINCT x.name, ' ') AS topics
        FROM (
          SELECT e.person_id, t.name
            FROM encounters e
            JOIN events ev ON ev.id = e.event_id AND ev.user_id = v_user AND ev.deleted_at IS NULL
            JOIN encounter_topics et ON et.encounter_id = e.id AND et.user_id = v_user
            JOIN topics t ON t.id = et.topic_id AND t.user_id = v_user
           WHERE e.user_id = v_user AND e.person_id IN (SELECT id FROM target)
          UNION ALL
          SELECT pt.person_id, t.name
            FROM person_topics pt
            JOIN topics t ON t.id = pt.topic_id AND t.user_id = v_user
           WHERE pt.user_id = v_user AND pt.person_id IN (SELECT id FROM target)
        ) x
       GROUP BY x.person_id
    ),
    computed AS (
      SELECT target.id, o.name AS organisation, s.id AS sector_id, s.name AS sector, talked.topics, met.events,
             met.last_met
        FROM target
        LEFT JOIN organisations o ON o.id = target.organisation_id AND o.user_id = v_user
        LEFT JOIN sectors s ON s.id = coalesce(target.sector_id, o.sector_id) AND s.user_id = v_user
        LEFT JOIN met ON met.person_id = target.id
        LEFT JOIN talked ON talked.person_id = target.id
    )
    UPDATE people p SET
      search_text = concat_ws(' ', p.name, p.role, p.email, p.notes, c.organisation, c.sector, c.topics, c.events),
      title_text = concat_ws(' ', p.name, p.role, c.organisation),
      last_met_at = c.last_met,
      effective_sector_id = c.sector_id
    FROM computed c
    WHERE p.id = c.id AND p.user_id = v_user
      AND (p.search_text IS DISTINCT FROM concat_ws(' ', p.name, p.role, p.email, p.notes, c.organisation, c.sector, c.topics, c.events)
        OR p.title_text IS DISTINCT FROM concat_ws(' ', p.name, p.role, c.organisation)
        OR p.last_met_at IS DISTINCT FROM c.last_met
        OR p.effective_sector_id IS DISTINCT FROM c.sector_id);
    -- New words join the user's vocabulary, which search expands prefixes and corrects typos against.
    INSERT INTO search_words (user_id, word)
    SELECT DISTINCT v_user, w.word
      FROM people p, unnest(tsvector_to_array(p.search_vector)) AS w(word)
     WHERE p.user_id = v_user AND p.deleted_at IS NULL AND p.id = ANY(p_ids)
    ON CONFLICT DO NOTHING;
    PERFORM search_words_forget(v_user, v_before);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- people: a new person, a change to a field the index reads (not the derived columns this refresh writes, so
-- it does not recurse), a soft delete or restore; a person deleted for good takes their words along.
CREATE FUNCTION people_search_on_people() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
  v_words text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_refresh(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_refresh(ARRAY(
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
CREATE TRIGGER people_search_people_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_people();
--> statement-breakpoint
CREATE TRIGGER people_search_people_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_people();
--> statement-breakpoint
CREATE TRIGGER people_search_people_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_people();
--> statement-breakpoint
-- organisations: a rename or a new sector reaches everyone there (a deleted organisation sets their
-- organisation_id to null, which the people trigger sees).
CREATE FUNCTION people_search_on_organisations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_refresh(ARRAY(
    SELECT p.id FROM people p
      JOIN new_rows n ON n.id = p.organisation_id AND n.user_id = p.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name OR n.sector_id IS DISTINCT FROM o.sector_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_organisations_update AFTER UPDATE ON organisations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_organisations();
--> statement-breakpoint
-- sectors: a rename reaches everyone in it, directly or through their organisation.
CREATE FUNCTION people_search_on_sectors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_refresh(ARRAY(
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
CREATE TRIGGER people_search_sectors_update AFTER UPDATE ON sectors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_sectors();
--> statement-breakpoint
-- events: a new title, series or date, a soft delete or restore reaches everyone met there (an event deleted for
-- good takes its encounters along, which their trigger sees).
CREATE FUNCTION people_search_on_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_refresh(ARRAY(
    SELECT DISTINCT e.person_id FROM encounters e
      JOIN new_rows n ON n.id = e.event_id AND n.user_id = e.user_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.title IS DISTINCT FROM o.title OR n.series IS DISTINCT FROM o.series
        OR n.starts_at IS DISTINCT FROM o.starts_at OR n.deleted_at IS DISTINCT FROM o.deleted_at));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_events_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_events();
--> statement-breakpoint
-- encounters: a person added to, moved within or removed from an event.
CREATE FUNCTION people_search_on_encounters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_refresh(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id));
  ELSE
    PERFORM people_search_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_encounters_insert AFTER INSERT ON encounters
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_encounters();
--> statement-breakpoint
CREATE TRIGGER people_search_encounters_update AFTER UPDATE ON encounters
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_encounters();
--> statement-breakpoint
CREATE TRIGGER people_search_encounters_delete AFTER DELETE ON encounters
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_encounters();
--> statement-breakpoint
-- encounter_topics: a topic talked about with someone, added or taken away.
CREATE FUNCTION people_search_on_encounter_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_refresh(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN new_rows n ON n.encounter_id = e.id AND n.user_id = e.user_id));
  ELSE
    PERFORM people_search_refresh(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN old_rows o ON o.encounter_id = e.id AND o.user_id = e.user_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_encounter_topics_insert AFTER INSERT ON encounter_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_encounter_topics();
--> statement-breakpoint
CREATE TRIGGER people_search_encounter_topics_delete AFTER DELETE ON encounter_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_encounter_topics();
--> statement-breakpoint
-- person_topics: a topic the person is known for, added or taken away.
CREATE FUNCTION people_search_on_person_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSE
    PERFORM people_search_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_person_topics_insert AFTER INSERT ON person_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_person_topics();
--> statement-breakpoint
CREATE TRIGGER people_search_person_topics_delete AFTER DELETE ON person_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_person_topics();
--> statement-breakpoint
-- topics: a renamed topic reaches everyone it is linked to, through an encounter or directly.
CREATE FUNCTION people_search_on_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_search_refresh(ARRAY(
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
--> statement-breakpoint
CREATE TRIGGER people_search_topics_update AFTER UPDATE ON topics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_topics();
