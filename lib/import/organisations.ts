import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';

/**
 * The batch form of findOrCreateOrganisation (lib/organisations/find-or-create.ts), with the same rule: runs
 * of spaces folded, matched by name in any case, created when new. An import of 10,000 cards from 1,500 firms
 * makes two statements here instead of 3,000 round trips. Answers lower-cased name → id.
 */
export async function findOrCreateOrganisations(conn: DbOrTx, userId: string, names: string[]): Promise<Map<string, string>> {
  const clean = [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  if (clean.length === 0) return new Map();
  const list = JSON.stringify(clean);
  await conn.execute(sql`
    insert into organisations (user_id, name)
    select ${userId}::uuid, n from jsonb_array_elements_text(${list}::jsonb) as t(n)
    on conflict do nothing`);
  const found = await rows<{ id: string; name: string }>(
    conn,
    sql`select o.id::text, lower(o.name) as name from organisations o
         where o.user_id = ${userId}::uuid and o.deleted_at is null
           and lower(o.name) in (select lower(n) from jsonb_array_elements_text(${list}::jsonb) as t(n))`,
  );
  return new Map(found.map((o) => [o.name, o.id]));
}
