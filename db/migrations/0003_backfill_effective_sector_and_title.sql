-- People saved before these columns existed: their own sector, else their organisation's; and the words that
-- rank highest (name, role, organisation), as lib/people/search-index.ts keeps them from now on.
UPDATE "people" p SET
  "effective_sector_id" = coalesce(p."sector_id", o."sector_id"),
  "title_text" = concat_ws(' ', p."name", p."role", o."name")
FROM "people" p2 LEFT JOIN "organisations" o ON o."id" = p2."organisation_id"
WHERE p2."id" = p."id";
