-- People are found by the topics of the evenings where they were, as the people list's topic filter already finds
-- them: "open data" in the search box finds whoever was at the open data evening. Redefined from migration 0041 with
-- the event's topics in `talked`; a topic added to or taken from an event refreshes the people who were there, a
-- renamed topic refreshes them too, and the people at evenings with topics are refreshed once.
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
             string_agg(DISTINCT concat_ws(' ', ev.title, ev.series), ' ') AS events,
             -- The line typed about them at each event ("glasses, ex-Accenture"): what one remembers them by.
             string_agg(nullif(btrim(e.notes), ''), ' ') AS notes
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
          -- The evening's own topics: what was on the agenda where they were (the topic filter finds them by it too).
          SELECT e.person_id, t.name
            FROM encounters e
            JOIN events ev ON ev.id = e.event_id AND ev.user_id = v_user AND ev.deleted_at IS NULL
            JOIN event_topics evt ON evt.event_id = e.event_id AND evt.user_id = v_user
            JOIN topics t ON t.id = evt.topic_id AND t.user_id = v_user
           WHERE e.user_id = v_user AND e.person_id IN (SELECT id FROM target)
          UNION ALL
          SELECT pt.person_id, t.name
            FROM person_topics pt
            JOIN topics t ON t.id = pt.topic_id AND t.user_id = v_user
           WHERE pt.user_id = v_user AND pt.person_id IN (SELECT id FROM target)
        ) x
       GROUP BY x.person_id
    ),
    logged AS (
      -- The notes of contacts logged with them (a coffee at Pret); not the "Marked in touch" a Done tap writes.
      SELECT i.person_id, string_agg(nullif(btrim(i.note), ''), ' ') AS notes
        FROM interactions i
       WHERE i.user_id = v_user AND i.person_id IN (SELECT id FROM target) AND i.deleted_at IS NULL AND i.note IS NOT NULL
         AND NOT (i.kind = 'other' AND i.note = 'Marked in touch')
       GROUP BY i.person_id
    ),
    computed AS (
      SELECT target.id, o.name AS organisation,
             -- The names merged into the organisation: searching an old name still finds its people.
             (SELECT string_agg(a, ' ') FROM jsonb_array_elements_text(o.aliases) a) AS aliases,
             s.id AS sector_id, s.name AS sector, talked.topics, met.events, met.last_met,
             concat_ws(' ', met.notes, logged.notes) AS meeting_notes
        FROM target
        LEFT JOIN organisations o ON o.id = target.organisation_id AND o.user_id = v_user
        LEFT JOIN sectors s ON s.id = coalesce(target.sector_id, o.sector_id) AND s.user_id = v_user
        LEFT JOIN met ON met.person_id = target.id
        LEFT JOIN talked ON talked.person_id = target.id
        LEFT JOIN logged ON logged.person_id = target.id
    )
    UPDATE people p SET
      search_text = concat_ws(' ', p.name, p.role, p.email, p.notes, c.organisation, c.aliases, c.sector, c.topics, c.events, nullif(c.meeting_notes, '')),
      title_text = concat_ws(' ', p.name, p.role, c.organisation),
      last_met_at = c.last_met,
      effective_sector_id = c.sector_id
    FROM computed c
    WHERE p.id = c.id AND p.user_id = v_user
      AND (p.search_text IS DISTINCT FROM concat_ws(' ', p.name, p.role, p.email, p.notes, c.organisation, c.aliases, c.sector, c.topics, c.events, nullif(c.meeting_notes, ''))
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
    SELECT e.person_id FROM event_topics evt
      JOIN encounters e ON e.event_id = evt.event_id AND e.user_id = evt.user_id
      JOIN new_rows n ON n.id = evt.topic_id AND n.user_id = evt.user_id
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
CREATE FUNCTION people_search_on_event_topics() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM people_search_touched(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN new_rows n ON n.event_id = e.event_id AND n.user_id = e.user_id));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM people_search_touched(ARRAY(
      SELECT DISTINCT e.person_id FROM encounters e JOIN old_rows o ON o.event_id = e.event_id AND o.user_id = e.user_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_event_topics_insert AFTER INSERT ON event_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_event_topics();
--> statement-breakpoint
CREATE TRIGGER people_search_event_topics_update AFTER UPDATE ON event_topics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_event_topics();
--> statement-breakpoint
CREATE TRIGGER people_search_event_topics_delete AFTER DELETE ON event_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_event_topics();
--> statement-breakpoint
SELECT people_search_refresh(ARRAY(
  SELECT DISTINCT e.person_id FROM encounters e
    JOIN event_topics evt ON evt.event_id = e.event_id AND evt.user_id = e.user_id));
