import { Card } from '@/app/_components/ui/card';
import { db } from '@/db/client';
import type { CurrentUser } from '@/lib/auth/users';
import { getStoredWriting, getWritingHabits } from '@/lib/settings/writing';
import { WritingForm } from '../writing/writing-form';

/** Writing: how drafts of posts are written. Unsaved choices show what the user's published posts suggest. */
export async function WritingSection({ user }: { user: CurrentUser }) {
  const [{ saved, stored }, habits] = await Promise.all([getStoredWriting(db, user.id), getWritingHabits(db, user.id)]);
  const current = {
    length: stored.length ?? 'usual',
    headings: stored.headings === undefined ? 'auto' : stored.headings ? 'on' : 'off',
    spelling: stored.spelling ?? habits.spelling ?? 'british',
    timeRef: stored.timeRef ?? 'auto',
    unnamed: stored.unnamed ?? 'role',
    signOff: (saved ? stored.signOff : habits.signOff) ?? '',
  };
  return (
    <Card>
      <h2 id="writing" className="mb-1 text-base font-semibold">
        Writing
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">How Rapport drafts a post from an evening. You can always edit the draft.</p>
      <WritingForm current={current} />
    </Card>
  );
}
