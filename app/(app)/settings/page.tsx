import { Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import { z } from 'zod';
import { SignOutButton } from '@/app/_components/shell/sign-out-button';
import { ButtonLink } from '@/app/_components/ui/button';
import { Card, PageHeader } from '@/app/_components/ui/card';
import { RESTORE_WINDOW_DAYS } from '@/lib/restore-window';
import { requireUser } from '@/lib/dal';
import { ProfileForm } from './account/account-forms';
import { FormerHandles } from './account/former-handles';
import { AccountSection } from './_sections/account';
import { ApiTokensSection } from './_sections/api-tokens';
import { CalendarSection } from './_sections/calendar';
import { ImportExportSection } from './_sections/import-export';
import { PreferencesSection } from './_sections/preferences';
import { SectorsSection } from './_sections/sectors';
import { SessionsSection } from './_sections/sessions';
import { WritingSection } from './_sections/writing';

export const metadata: Metadata = { title: 'Settings' };

/** The page's sections, by the id of their heading, in page order. */
const SECTIONS = [
  ['preferences', 'Preferences'],
  ['writing', 'Writing'],
  ['sectors', 'Sectors'],
  ['calendar', 'Calendar'],
  ['api-tokens', 'API tokens'],
  ['sessions', 'Devices'],
  ['import-export', 'Import and export'],
  ['recently-deleted', 'Deleted'],
  ['account', 'Password and account'],
] as const;

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const count = z.coerce.number().int().min(0).max(1000);
  const signedOut = count.safeParse(params.signedOut);
  const tokensRevoked = count.safeParse(params.tokensRevoked);
  return (
    <>
      <PageHeader title="Settings" />
      {/* A long page on a phone: every section one tap away. */}
      <nav aria-label="Settings sections" className="-mt-2 mb-4">
        <ul className="flex flex-wrap gap-2">
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a
                href={`#${id}`}
                className="inline-flex min-h-11 items-center rounded-full border border-zinc-200 bg-white px-3 text-sm text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-4">
        <Card>
          <h2 id="profile" className="mb-3 text-base font-semibold">
            Account
          </h2>
          <dl className="mb-4 grid grid-cols-[7rem_1fr] gap-y-2 text-sm">
            <dt className="text-zinc-500">Email</dt>
            <dd className="break-all">{user.email}</dd>
          </dl>
          <ProfileForm name={user.name} handle={user.handle} />
          <FormerHandles userId={user.id} handle={user.handle} />
        </Card>
        <PreferencesSection user={user} />
        <WritingSection user={user} />
        <SectorsSection user={user} merged={params.merged} unmerged={params.unmerged === '1'} />
        <CalendarSection user={user} />
        <ApiTokensSection user={user} />
        <SessionsSection
          user={user}
          signedOut={signedOut.success ? signedOut.data : undefined}
          tokensRevoked={tokensRevoked.success ? tokensRevoked.data : undefined}
        />
        <ImportExportSection />
        <Card>
          <h2 id="recently-deleted" className="mb-1 text-base font-semibold">
            Recently deleted
          </h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            What you delete can be restored for {RESTORE_WINDOW_DAYS} days, then it is removed for good.
          </p>
          <ButtonLink href="/settings/deleted" variant="secondary">
            <Trash2 aria-hidden className="size-4" />
            Recently deleted
          </ButtonLink>
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold">Session</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Signing out ends this session on the server and clears drafts kept on this device.</p>
          <div className="max-w-48">
            <SignOutButton />
          </div>
        </Card>
        <AccountSection user={user} />
      </div>
    </>
  );
}
