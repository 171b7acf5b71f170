-- The search vocabulary counted, not searched for (issues #13 and #15: logging an evening at 100,000 people).
-- Until now each refresh of a person asked, for every word the person had, whether any other live person of the
-- user still had it (search_words_forget): a probe of the people full-text index per word, whose cost grows with
-- the whole address book (13 ms for a common word at 100,000 people, ~300 ms a person; an evening of six guests
-- spent 2 of its 3 seconds there). Now search_words.people_count (migration 0023) says how many live people have
-- each word, and a statement trigger on people adds and takes away the words of the rows each statement changed:
-- a cost that follows the rows written. A word goes when its last live holder does, as before.

-- The words gained and lost by one statement on people, per user: +1 for each word of a live row after it, -1 for
-- each word of a live row before it (a soft-delete takes a person's words away, a restore brings them back).
CREATE FUNCTION search_words_count() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_users uuid[];
  v_words text[];
  v_deltas int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(d.user_id), array_agg(d.word), array_agg(d.n) INTO v_users, v_words, v_deltas
      FROM (SELECT n.user_id, w.word, count(*)::int AS n
              FROM new_rows n, unnest(tsvector_to_array(n.search_vector)) AS w(word)
             WHERE n.deleted_at IS NULL
             GROUP BY 1, 2) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(d.user_id), array_agg(d.word), array_agg(d.n) INTO v_users, v_words, v_deltas
      FROM (SELECT o.user_id, w.word, -count(*)::int AS n
              FROM old_rows o, unnest(tsvector_to_array(o.search_vector)) AS w(word)
             WHERE o.deleted_at IS NULL
             GROUP BY 1, 2) d;
  ELSE
    WITH changed AS (
      SELECT n.user_id AS new_user, n.search_vector AS new_vector, n.deleted_at IS NULL AS new_live,
             o.user_id AS old_user, o.search_vector AS old_vector, o.deleted_at IS NULL AS old_live
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.search_vector IS DISTINCT FROM o.search_vector
          OR (n.deleted_at IS NULL) <> (o.deleted_at IS NULL)
          OR n.user_id IS DISTINCT FROM o.user_id
    )
    SELECT array_agg(d.user_id), array_agg(d.word), array_agg(d.n) INTO v_users, v_words, v_deltas
      FROM (SELECT x.user_id, x.word, sum(x.n)::int AS n
              FROM (SELECT c.new_user AS user_id, w.word, 1 AS n
                      FROM changed c, unnest(tsvector_to_array(c.new_vector)) AS w(word)
                     WHERE c.new_live
                    UNION ALL
                    SELECT c.old_user, w.word, -1
                      FROM changed c, unnest(tsvector_to_array(c.old_vector)) AS w(word)
                     WHERE c.old_live) x
             GROUP BY 1, 2
            HAVING sum(x.n) <> 0) d;
  END IF;
  IF v_users IS NULL THEN
    RETURN NULL;
  END IF;
  -- Every count moves in one statement, in (user, word) order, so two writers touching the same words take their row
  -- locks in the same order and cannot deadlock. A word lost by a user being deleted (whose words went with them)
  -- is skipped, never inserted below zero.
  INSERT INTO search_words (user_id, word, people_count)
  SELECT x.u, x.w, x.n FROM unnest(v_users, v_words, v_deltas) AS x(u, w, n)
   WHERE x.n > 0 OR EXISTS (SELECT 1 FROM search_words sw WHERE sw.user_id = x.u AND sw.word = x.w)
   ORDER BY x.u, x.w
  ON CONFLICT (user_id, word) DO UPDATE SET people_count = search_words.people_count + excluded.people_count;
  -- A word goes with its last holder.
  DELETE FROM search_words sw
   USING unnest(v_users, v_words, v_deltas) AS x(u, w, n)
   WHERE x.n < 0 AND sw.user_id = x.u AND sw.word = x.w AND sw.people_count <= 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER search_words_people_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();
--> statement-breakpoint
CREATE TRIGGER search_words_people_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();
--> statement-breakpoint
CREATE TRIGGER search_words_people_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();
--> statement-breakpoint
-- Every word counted once, from the people as they are.
INSERT INTO search_words (user_id, word, people_count)
SELECT p.user_id, w.word, count(*)::int
  FROM people p, unnest(tsvector_to_array(p.search_vector)) AS w(word)
 WHERE p.deleted_at IS NULL
 GROUP BY 1, 2
ON CONFLICT (user_id, word) DO UPDATE SET people_count = excluded.people_count;
--> statement-breakpoint
DELETE FROM search_words WHERE people_count <= 0;
--> statement-breakpoint
-- Redefined from migration 0021 without the vocabulary steps: the trigger above keeps it.
CREATE OR REPLACE FUNCTION people_search_refresh(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN
    RETURN;
  END IF;
  FOR v_user IN SELECT DISTINCT p.user_id FROM people p WHERE p.id = ANY(p_ids) LOOP
    -- Whatever changed, the kept counts of people per sector are out of date (see peopleStats).
    INSERT INTO people_stats (user_id, version) VALUES (v_user, 1)
      ON CONFLICT (user_id) DO UPDATE SET version = people_stats.version + 1;
    WITH target AS (
      SELECT p.id, p.organisation_id, p.sector_id FROM people p WHERE p.user_id = v_user AND p.id = ANY(p_ids)
    ),
    met AS (
      SELECT e.person_id,
             -- Met means met or spoke at an event that has started: never only mentioned, never one to come.
             max(ev.starts_at) FILTER (WHERE e.relation <> 'mentioned' AND ev.starts_at <= now()) AS last_met,
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
    -- The vocabulary (search_words) follows from this UPDATE through the search_words_people_update trigger.
  END LOOP;
  -- Whatever moved last_met_at (an event, an encounter, a deletion) can move the last contact too.
  PERFORM people_contact_refresh(p_ids);
END;
$$;
--> statement-breakpoint
-- Redefined from migration 0018: a person deleted for good takes their words away through the trigger above.
CREATE OR REPLACE FUNCTION people_search_on_people() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
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
      -- Left alone when the user themself is being deleted (their stats go with them).
      IF EXISTS (SELECT 1 FROM users u WHERE u.id = v_user) THEN
        INSERT INTO people_stats (user_id, version) VALUES (v_user, 1)
          ON CONFLICT (user_id) DO UPDATE SET version = people_stats.version + 1;
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP FUNCTION search_words_forget(uuid, text[]);
