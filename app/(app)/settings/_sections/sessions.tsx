import { KeyRound, LogOut, Monitor, Smartphone } from 'lucide-react';
import { Card } from '@/app/_components/ui/card';
import { ForgetParams } from '@/app/_components/ui/forget-params';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { listApiTokens } from '@/lib/api/tokens';
import { listSessions } from '@/lib/auth/sessions';
import type { CurrentUser } from '@/lib/auth/users';
import { getSessionId } from '@/lib/dal';
import { revokeAllApiTokensAction } from '../api-tokens/actions';
import { endOtherSessionsAction, endSessionAction } from '../sessions/actions';
import { formatDate, formatDateTime } from '@/lib/dates';

const PHONE = /iPhone|Android/;
const FORGET = ['signedOut', 'tokensRevoked'];

/** Where the user is signed in: each device, when it was last used; sign one out, or all but this one. */
export async function SessionsSection({ user, signedOut, tokensRevoked }: { user: CurrentUser; signedOut?: number; tokensRevoked?: number }) {
  const [list, tokens] = await Promise.all([listSessions(user.id, await getSessionId()), listApiTokens(user.id)]);
  const when = (d: Date) => formatDateTime(d, user.locale, user.timeZone, 'dayMonth');
  const others = list.filter((s) => !s.current).length;
  return (
    <Card>
      <h2 id="sessions" className="mb-1 scroll-mt-20 text-base font-semibold">
        Signed-in devices
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Lost a phone, or signed in on someone else&rsquo;s computer? Sign that device out here; it needs the password to come back.
      </p>
      <ForgetParams names={FORGET} />
      <p role="status" className="empty:hidden mb-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
        {signedOut === undefined
          ? ''
          : signedOut === 0
            ? 'That device was already signed out.'
            : `Signed out ${signedOut === 1 ? 'one device' : `${signedOut} devices`}.`}
        {tokensRevoked === undefined ? '' : `Revoked ${tokensRevoked === 1 ? 'one API token' : `${tokensRevoked} API tokens`}.`}
      </p>
      <ul className="mb-3 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {list.map((s) => {
          const Icon = PHONE.test(s.device) ? Smartphone : Monitor;
          return (
            <li key={s.handle} className="flex flex-wrap items-center gap-3 px-3 py-2">
              <Icon aria-hidden className="size-5 shrink-0 text-zinc-400" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium">
                  {s.device}
                  {s.current ? (
                    <span className="ml-2 rounded-full bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-700 dark:bg-accent-900 dark:text-accent-100">
                      This device
                    </span>
                  ) : null}
                </p>
                <p className="text-xs text-zinc-500">
                  {s.current ? 'In use now' : `Last used ${when(s.lastSeenAt)}`} · signed in {formatDate(s.createdAt, user.locale, user.timeZone, 'medium')}
                </p>
              </div>
              {s.current ? null : (
                <form action={endSessionAction}>
                  <input type="hidden" name="session" value={s.handle} />
                  <SubmitButton variant="secondary" pendingText="Signing out…" aria-label={`Sign out ${s.device}, last used ${when(s.lastSeenAt)}`}>
                    Sign out
                  </SubmitButton>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-3">
        {others > 0 ? (
          <form action={endOtherSessionsAction}>
            <SubmitButton variant="secondary" pendingText="Signing out…">
              <LogOut aria-hidden className="size-4" />
              Sign out everywhere else
            </SubmitButton>
          </form>
        ) : null}
        {tokens.length > 0 ? (
          <form action={revokeAllApiTokensAction}>
            <SubmitButton variant="secondary" pendingText="Revoking…">
              <KeyRound aria-hidden className="size-4" />
              Revoke all API tokens
            </SubmitButton>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
