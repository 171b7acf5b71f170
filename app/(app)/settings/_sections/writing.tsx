import { Card } from '@/app/_components/ui/card';
import type { CurrentUser } from '@/lib/auth/users';
import { getWritingFormValues } from '@/lib/settings/writing';
import { WritingForm } from '../writing/writing-form';

/** Writing: how drafts of posts are written. Unsaved choices show what the user's published posts suggest. */
export async function WritingSection({ user }: { user: CurrentUser }) {
  const current = await getWritingFormValues(user.id);
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
