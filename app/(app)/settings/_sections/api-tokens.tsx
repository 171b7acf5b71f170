import { Card } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { listApiTokens } from '@/lib/api/tokens';
import type { CurrentUser } from '@/lib/auth/users';
import { revokeApiTokenAction } from '../api-tokens/actions';
import { CreateTokenForm } from '../api-tokens/create-token-form';
import { formatDate, formatDateTime } from '@/lib/dates';

function day(d: Date, user: CurrentUser) {
  return formatDate(d, user.locale, user.timeZone, 'long');
}

function moment(d: Date, user: CurrentUser) {
  return formatDateTime(d, user.locale, user.timeZone, 'medium');
}

/** API tokens: create (shown once), list, revoke. Tokens are stored hashed. */
export async function ApiTokensSection({ user }: { user: CurrentUser }) {
  const tokens = await listApiTokens(user.id);
  return (
    <Card>
      <h2 id="api-tokens" className="mb-1 scroll-mt-20 text-base font-semibold">
        API tokens
      </h2>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        Let your own scripts and shortcuts log events: send <code className="text-xs">Authorization: Bearer &lt;token&gt;</code>. See the{' '}
        <a href="/api/v1/openapi.json" className="underline">
          API description
        </a>
        . A token with write access can change anything you can, so keep it secret and revoke it when you stop using it.
      </p>
      {tokens.length ? (
        <ul className="mb-4 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <div className="min-w-0 text-sm">
                <p className="font-medium wrap-anywhere">{t.name}</p>
                <p className="text-xs text-zinc-500">
                  <span className="font-mono">{t.prefix}…</span> · {t.scope === 'read' ? 'read only' : 'read and write'} · created {day(t.createdAt, user)} ·{' '}
                  {t.lastUsedAt ? `last used ${moment(t.lastUsedAt, user)}` : 'never used'} ·{' '}
                  {t.expired ? (
                    <strong className="font-medium text-red-700 dark:text-red-400">expired {day(t.expiresAt!, user)}</strong>
                  ) : t.expiresAt ? (
                    `expires ${day(t.expiresAt, user)}`
                  ) : (
                    'never expires'
                  )}
                </p>
              </div>
              <form action={revokeApiTokenAction}>
                <input type="hidden" name="tokenId" value={t.id} />
                <SubmitButton variant="secondary" pendingText="Revoking…" aria-label={`Revoke token ${t.name}`}>
                  Revoke
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-zinc-500">No tokens yet.</p>
      )}
      <CreateTokenForm liveTokenIds={tokens.map((t) => t.id)} />
    </Card>
  );
}
