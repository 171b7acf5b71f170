import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setOffTheRecord, searchFacts } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { exportHtml, exportMarkdown } from '@/lib/posts/export';
import { atomFeed } from '@/lib/posts/feed';
import { redactFacts, withoutOffTheRecord } from '@/lib/posts/off-the-record';
import { getPublicAuthor, getPublishedPost, listPublishedPosts } from '@/lib/posts/public';
import { createPostFromEventOnce, getPost, publishPost, updatePost } from '@/lib/posts/queries';
import { renderMarkdown } from '@/lib/posts/render';
import { makeEvent, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const TZ = 'Europe/London';
const word = fc.stringMatching(/^[a-z]{3,8}$/);
const factArb = fc.record({
  words: fc.array(word, { minLength: 1, maxLength: 6 }),
  flagged: fc.boolean(),
  spoken: fc.boolean(),
  number: fc.option(fc.nat(99)),
});

/** Letters and digits only, lower-cased, so a marker is found whatever escaping or casing an output applied. */
const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ');

describe('off the record', () => {
  it('redacts a fact whatever its case, Markdown escapes or line breaks', () => {
    expect(redactFacts('She said 80\\% of *users* are on\nmobile. Then left.', ['80% of *users* are on mobile.'])).toBe('She said […]. Then left.');
    expect(redactFacts('Budgets Doubled in 2025', ['budgets doubled in 2025'])).toBe('[…]');
  });

  it('property: no flagged fact ever reaches a draft, an exported post, the public page or the feed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(factArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('narrative', 'summary', 'social') as fc.Arbitrary<'narrative' | 'summary' | 'social'>,
        fc.boolean(),
        fc.boolean(),
        async (facts, style, flagAfterDraft, pasteIntoBody) => {
          const user = await createTestUser();
          const speaker = await makePerson(user.id, { name: 'Ann Lee' });
          // Each fact carries a marker word no other fact has, so a leak of any part of it is seen.
          const texts = facts.map((f, k) => `Zq${k}mark ${f.number ?? ''} ${f.words.join(' ')}`.replace(/\s+/g, ' '));
          const event = await makeEvent(user.id, {
            title: 'Evening',
            people: [{ personId: speaker.id, relation: 'spoke' }],
            insights: texts.map((text, k) => ({ text, personId: facts[k]!.spoken ? speaker.id : undefined })),
          });
          const ids = new Map((await searchFacts(user.id, factSearchSchema.parse({ event: event.id, limit: 100 }))).items.map((f) => [f.text, f.id]));
          const flag = async () => {
            for (const [k, f] of facts.entries()) if (f.flagged) await setOffTheRecord(user.id, ids.get(texts[k]!)!, true);
          };
          if (!flagAfterDraft) await flag();
          let { post } = await createPostFromEventOnce(user.id, event.id, { style, timeZone: TZ });
          if (!flagAfterDraft) {
            for (const [k, f] of facts.entries()) {
              const marker = `zq${k}mark`;
              if (f.flagged) expect(flat(post.bodyMarkdown)).not.toContain(marker);
            }
          }
          if (pasteIntoBody)
            post = await updatePost(user.id, post.id, { version: post.version, markdown: `${post.bodyMarkdown}\n\nAlso: ${texts.join('. ')}.` });
          if (flagAfterDraft) await flag();
          await publishPost(user.id, post.id);

          const [exported] = await withoutOffTheRecord(user.id, [await getPost(user.id, post.id)]);
          const page = (await getPublishedPost(user.id, post.slug))!;
          const outputs = {
            markdown: exportMarkdown(exported!),
            html: exportHtml(exported!, { author: user.name }),
            page: page.title + renderMarkdown(page.bodyMarkdown),
            feed: atomFeed((await getPublicAuthor(user.handle))!, await listPublishedPosts(user.id), 'https://rapport.example'),
          };
          for (const [k, f] of facts.entries()) {
            const marker = `zq${k}mark`;
            for (const [where, out] of Object.entries(outputs)) {
              if (f.flagged) expect(flat(out), `${where} leaks fact ${k}`).not.toContain(marker);
              // What is on the record still gets out (when it was put there), so the check above can fail.
              else if (pasteIntoBody) expect(flat(out), `${where} keeps fact ${k}`).toContain(marker);
            }
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
