-- Keep in touch (issue 15, point 1). Everything derived here is kept by the database, in the transaction of the
-- write that changes it, like the people-search columns of migration 0014:
--   people.last_met_at       the latest event that has STARTED where the person was met or spoke (not mentioned);
--   people.last_contact_on   the day (in the user's time zone) of the last real contact: such an event, a follow-up
--                            with them marked done (its done day), or a logged interaction;
--   people.next_contact_due  last contact + cadence (the person's own, else their effective sector's default;
--                            'none' on the person overrides the default), never before contact_snoozed_until.
--                            Someone never contacted is due a cadence after the later of when they were added and
--                            when the cadence that applies to them was set (keep_in_touch_since).
-- An event created ahead of time does not count until it starts; the date passing fires no trigger, so the
-- housekeeping run (every 5 minutes) refreshes the people of events that have started since (lib/housekeeping).

-- The contact columns of the given people, from their encounters, follow-ups and interactions.
CREATE FUNCTION people_contact_refresh(p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN
    RETURN;
  END IF;
  WITH target AS (
    SELECT p.id, p.user_id, u.time_zone AS tz, p.created_at, p.contact_snoozed_until,
           CASE WHEN p.keep_in_touch_unit IS NOT NULL THEN p.keep_in_touch_unit ELSE s.keep_in_touch_unit END AS unit,
           CASE WHEN p.keep_in_touch_unit IS NOT NULL THEN p.keep_in_touch_every ELSE s.keep_in_touch_every END AS every,
           CASE WHEN p.keep_in_touch_unit IS NOT NULL THEN p.keep_in_touch_since ELSE s.keep_in_touch_since END AS since
      FROM people p
      JOIN users u ON u.id = p.user_id
      LEFT JOIN sectors s ON s.id = p.effective_sector_id AND s.user_id = p.user_id AND s.deleted_at IS NULL
     WHERE p.id = ANY(p_ids)
  ),
  contact AS (
    SELECT t.*, (
      SELECT max(x.d) FROM (
        SELECT (ev.starts_at AT TIME ZONE t.tz)::date AS d
          FROM encounters e
          JOIN events ev ON ev.id = e.event_id AND ev.user_id = t.user_id AND ev.deleted_at IS NULL
         WHERE e.person_id = t.id AND e.user_id = t.user_id AND e.relation <> 'mentioned' AND ev.starts_at <= now()
        UNION ALL
        SELECT (f.done_at AT TIME ZONE t.tz)::date
          FROM follow_ups f
         WHERE f.person_id = t.id AND f.user_id = t.user_id AND f.status = 'done' AND f.done_at IS NOT NULL
           AND f.deleted_at IS NULL
        UNION ALL
        SELECT i.occurred_on
          FROM interactions i
         WHERE i.person_id = t.id AND i.user_id = t.user_id AND i.deleted_at IS NULL
      ) x) AS last_on
      FROM target t
  ),
  computed AS (
    SELECT c.id, c.user_id, c.last_on,
           CASE WHEN c.unit IS NULL OR c.unit = 'none' THEN NULL
           ELSE greatest(
             (coalesce(c.last_on, (greatest(c.created_at, coalesce(c.since, c.created_at)) AT TIME ZONE c.tz)::date)
               + CASE WHEN c.unit = 'days' THEN make_interval(days => c.every) ELSE make_interval(months => c.every) END
             )::date,
             c.contact_snoozed_until)
           END AS due
      FROM contact c
  )
  UPDATE people p SET last_contact_on = c.last_on, next_contact_due = c.due
    FROM computed c
   WHERE p.id = c.id AND p.user_id = c.user_id
     AND (p.last_contact_on IS DISTINCT FROM c.last_on OR p.next_contact_due IS DISTINCT FROM c.due);
END;
$$;
--> statement-breakpoint
-- Recomputes (redefined from migration 0014: last_met_at counts only met or spoke at an event that has started,
-- and the contact columns follow) the derived search columns of the given people.
CREATE OR REPLACE FUNCTION people_search_refresh(p_ids uuid[]) RETURNS void
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
    -- New words join the user's vocabulary, which search expands prefixes and corrects typos against.
    INSERT INTO search_words (user_id, word)
    SELECT DISTINCT v_user, w.word
      FROM people p, unnest(tsvector_to_array(p.search_vector)) AS w(word)
     WHERE p.user_id = v_user AND p.deleted_at IS NULL AND p.id = ANY(p_ids)
    ON CONFLICT DO NOTHING;
    PERFORM search_words_forget(v_user, v_before);
  END LOOP;
  -- Whatever moved last_met_at (an event, an encounter, a deletion) can move the last contact too.
  PERFORM people_contact_refresh(p_ids);
END;
$$;
--> statement-breakpoint
-- encounters: redefined from migration 0018 (which defers to commit under rapport.defer_search) so that a change of
-- relation (met → mentioned) reaches the person too.
CREATE OR REPLACE FUNCTION people_search_on_encounters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_touched(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id
          OR n.relation IS DISTINCT FROM o.relation
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id
          OR n.relation IS DISTINCT FROM o.relation));
  ELSE
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- keep_in_touch_since: when the cadence (a person's own, or a sector's default) was last set, by the database clock.
CREATE FUNCTION keep_in_touch_since_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.keep_in_touch_unit IS NOT NULL AND NEW.keep_in_touch_since IS NULL THEN
      NEW.keep_in_touch_since := now();
    END IF;
  ELSIF NEW.keep_in_touch_unit IS DISTINCT FROM OLD.keep_in_touch_unit
     OR NEW.keep_in_touch_every IS DISTINCT FROM OLD.keep_in_touch_every THEN
    NEW.keep_in_touch_since := CASE WHEN NEW.keep_in_touch_unit IS NULL THEN NULL ELSE now() END;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_keep_in_touch_since BEFORE INSERT OR UPDATE ON people
  FOR EACH ROW EXECUTE FUNCTION keep_in_touch_since_stamp();
--> statement-breakpoint
CREATE TRIGGER sectors_keep_in_touch_since BEFORE INSERT OR UPDATE ON sectors
  FOR EACH ROW EXECUTE FUNCTION keep_in_touch_since_stamp();
--> statement-breakpoint
-- people: a new cadence or snooze (a new person, a deletion, a new sector go through people_search_refresh).
CREATE FUNCTION people_contact_on_people() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_contact_refresh(ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.keep_in_touch_unit IS DISTINCT FROM o.keep_in_touch_unit
        OR n.keep_in_touch_every IS DISTINCT FROM o.keep_in_touch_every
        OR n.contact_snoozed_until IS DISTINCT FROM o.contact_snoozed_until));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_contact_people_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_people();
--> statement-breakpoint
-- sectors: a new default reaches everyone in the sector (a merged-away sector's people move, which their trigger sees).
CREATE FUNCTION people_contact_on_sectors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_contact_refresh(ARRAY(
    SELECT p.id FROM people p
      JOIN new_rows n ON n.user_id = p.user_id AND n.id = p.effective_sector_id
      JOIN old_rows o ON o.id = n.id
     WHERE n.keep_in_touch_unit IS DISTINCT FROM o.keep_in_touch_unit
        OR n.keep_in_touch_every IS DISTINCT FROM o.keep_in_touch_every
        OR n.deleted_at IS DISTINCT FROM o.deleted_at));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_contact_sectors_update AFTER UPDATE ON sectors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_sectors();
--> statement-breakpoint
-- users: a new time zone moves every day derived from an instant.
CREATE FUNCTION people_contact_on_users() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM people_contact_refresh(ARRAY(SELECT p.id FROM people p WHERE p.user_id = NEW.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_contact_users_time_zone AFTER UPDATE OF time_zone ON users
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION people_contact_on_users();
--> statement-breakpoint
-- follow_ups: one marked done or reopened, its done time, person or deletion changed.
CREATE FUNCTION people_contact_on_follow_ups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows WHERE person_id IS NOT NULL AND status = 'done'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_contact_refresh(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS NOT NULL
         AND (n.status, n.done_at, n.person_id, n.deleted_at) IS DISTINCT FROM (o.status, o.done_at, o.person_id, o.deleted_at)
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE o.person_id IS NOT NULL
         AND (n.status, n.done_at, n.person_id, n.deleted_at) IS DISTINCT FROM (o.status, o.done_at, o.person_id, o.deleted_at)));
  ELSE
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows WHERE person_id IS NOT NULL AND status = 'done'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_contact_follow_ups_insert AFTER INSERT ON follow_ups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_follow_ups();
--> statement-breakpoint
CREATE TRIGGER people_contact_follow_ups_update AFTER UPDATE ON follow_ups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_follow_ups();
--> statement-breakpoint
CREATE TRIGGER people_contact_follow_ups_delete AFTER DELETE ON follow_ups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_follow_ups();
--> statement-breakpoint
-- interactions: logged, edited, moved (a merge), deleted or restored.
CREATE FUNCTION people_contact_on_interactions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_contact_refresh(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.occurred_on, n.person_id, n.deleted_at) IS DISTINCT FROM (o.occurred_on, o.person_id, o.deleted_at)
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.occurred_on, n.person_id, n.deleted_at) IS DISTINCT FROM (o.occurred_on, o.person_id, o.deleted_at)));
  ELSE
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_contact_interactions_insert AFTER INSERT ON interactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_interactions();
--> statement-breakpoint
CREATE TRIGGER people_contact_interactions_update AFTER UPDATE ON interactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_interactions();
--> statement-breakpoint
CREATE TRIGGER people_contact_interactions_delete AFTER DELETE ON interactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_contact_on_interactions();
--> statement-breakpoint
-- Backfill: last_met_at in its new meaning (the people trigger ignores this column, so nothing else runs), then
-- everyone's last contact.
UPDATE people p SET last_met_at = m.last_met
  FROM (
    SELECT p2.id, (
      SELECT max(ev.starts_at) FROM encounters e
        JOIN events ev ON ev.id = e.event_id AND ev.user_id = p2.user_id AND ev.deleted_at IS NULL
       WHERE e.person_id = p2.id AND e.user_id = p2.user_id AND e.relation <> 'mentioned' AND ev.starts_at <= now()
    ) AS last_met
    FROM people p2
  ) m
 WHERE p.id = m.id AND p.last_met_at IS DISTINCT FROM m.last_met;
--> statement-breakpoint
SELECT people_contact_refresh(ARRAY(SELECT id FROM people));
