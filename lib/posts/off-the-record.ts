import { and, eq } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { insights } from '@/db/schema';

/**
 * Off-the-record facts are left out of every draft (see source.ts), and cut from anything that leaves the app
 * (the public page, the feed, an exported post) in case a post was written, or composed, before the fact
 * was marked. The cut is by the fact's words, whatever their case, Markdown escapes or line breaks.
 */

const REDACTED = '[…]';

/** The user's off-the-record fact texts. */
async function offTheRecordTexts(userId: string, conn: DbOrTx = db): Promise<string[]> {
  const found = await conn
    .select({ text: insights.text })
    .from(insights)
    .where(and(eq(insights.userId, userId), eq(insights.offTheRecord, true)));
  return found.map((r) => r.text);
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** A pattern for the fact's words as they may appear in Markdown: any case, a backslash before any mark, any spacing. */
function factPattern(text: string): RegExp | null {
  const core = text.trim().replace(/[\s.!?;:,]+$/u, '');
  if ([...core].length < 3) return null;
  const parts = [...core].map((ch) => (/\s/u.test(ch) ? '\\s+' : `\\\\?${ch.replace(SPECIAL, '\\$&')}`));
  return new RegExp(parts.join('').replace(/(\\s\+)+/g, '\\s+'), 'giu');
}

/** The Markdown with every off-the-record fact replaced by "[…]". Pure. */
export function redactFacts(markdown: string, texts: string[]): string {
  let out = markdown;
  // Longest first, so a fact that contains another is cut whole.
  for (const text of [...texts].sort((a, b) => b.length - a.length)) {
    const pattern = factPattern(text);
    if (pattern) out = out.replace(pattern, REDACTED);
  }
  return out;
}

/** The post with its title and body cut of the user's off-the-record facts. */
export async function withoutOffTheRecord<T extends { title: string; bodyMarkdown: string }>(userId: string, items: T[]): Promise<T[]> {
  if (items.length === 0) return items;
  const texts = await offTheRecordTexts(userId);
  if (texts.length === 0) return items;
  return items.map((p) => ({ ...p, title: redactFacts(p.title, texts), bodyMarkdown: redactFacts(p.bodyMarkdown, texts) }));
}
