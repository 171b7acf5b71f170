-- The deferred refresh of 0018 at the end of a bulk load (the seed, a large import) runs one statement over
-- thousands of people whose rows the planner's statistics do not yet count: with them it chose nested loops over
-- every row (10,000 people: 7 minutes; with fresh statistics 3.5 s). A flush of many people first refreshes the
-- statistics of the tables the refresh reads; ANALYZE inside the transaction counts its own rows.
CREATE OR REPLACE FUNCTION people_search_flush() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[];
BEGIN
  IF to_regclass('pg_temp.people_search_pending') IS NULL THEN
    RETURN 0;
  END IF;
  v_ids := ARRAY(SELECT id FROM pg_temp.people_search_pending);
  DELETE FROM pg_temp.people_search_pending;
  IF cardinality(v_ids) >= 1000 THEN
    ANALYZE people, organisations, sectors, events, encounters, encounter_topics, person_topics, topics, search_words;
  END IF;
  PERFORM people_search_refresh(v_ids);
  RETURN cardinality(v_ids);
END;
$$;
