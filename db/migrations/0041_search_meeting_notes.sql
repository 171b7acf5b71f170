-- People are found by what was noted about them: the line typed about them at an event (encounters.notes) and the
-- notes of contacts logged with them (interactions.note) join their search text. Redefined from migration 0034 with
-- that change; the encounters trigger (0021) now also reacts to a change of notes, the interactions trigger (0021)
-- refreshes the search of the people whose contact notes changed; and the people with such notes are refreshed once.
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
CREATE OR REPLACE FUNCTION people_search_on_encounters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_search_touched(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id OR n.event_id IS DISTINCT FROM o.event_id
          OR n.relation IS DISTINCT FROM o.relation OR n.notes IS DISTINCT FROM o.notes
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
CREATE OR REPLACE FUNCTION people_contact_on_interactions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM new_rows WHERE note IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM people_contact_refresh(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.occurred_on, n.person_id, n.deleted_at) IS DISTINCT FROM (o.occurred_on, o.person_id, o.deleted_at)
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.occurred_on, n.person_id, n.deleted_at) IS DISTINCT FROM (o.occurred_on, o.person_id, o.deleted_at)));
    PERFORM people_search_touched(ARRAY(
      SELECT n.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.note, n.kind, n.person_id, n.deleted_at) IS DISTINCT FROM (o.note, o.kind, o.person_id, o.deleted_at)
         AND (n.note IS NOT NULL OR o.note IS NOT NULL)
      UNION
      SELECT o.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.person_id IS DISTINCT FROM o.person_id AND o.note IS NOT NULL));
  ELSE
    PERFORM people_contact_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
    PERFORM people_search_touched(ARRAY(SELECT DISTINCT person_id FROM old_rows WHERE note IS NOT NULL));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
SELECT people_search_refresh(ARRAY(
  SELECT person_id FROM encounters WHERE nullif(btrim(notes), '') IS NOT NULL
  UNION
  SELECT person_id FROM interactions WHERE deleted_at IS NULL AND nullif(btrim(note), '') IS NOT NULL));
