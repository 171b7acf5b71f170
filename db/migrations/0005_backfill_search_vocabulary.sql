-- The words people saved before the vocabulary existed already have, as lib/people/search-index.ts keeps
-- them from now on.
INSERT INTO "search_words" ("user_id", "word")
SELECT DISTINCT p."user_id", w.word
  FROM "people" p, unnest(tsvector_to_array(p."search_vector")) AS w(word)
 WHERE p."deleted_at" IS NULL
ON CONFLICT DO NOTHING;
