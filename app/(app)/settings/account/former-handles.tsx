import { listFormerHandles } from '@/lib/auth/handles';
import { releaseHandleAction } from './actions';

/**
 * The handles the user gave up that still lead here (lib/auth/handles.ts), each of which can be let go: its links
 * then answer 404 and anyone may take it. Nothing shows until a handle something was published under is changed.
 */
export async function FormerHandles({ userId, handle }: { userId: string; handle: string }) {
  const former = await listFormerHandles(userId);
  if (former.length === 0) return null;
  return (
    <div className="mt-4 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
      <h3 className="font-medium">Old addresses that lead here</h3>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Links to these go to /u/{handle}, and no one else can take them. Let one go and its links stop working; anyone may then take it.
      </p>
      <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
        {former.map((h) => (
          <li key={h} className="flex flex-wrap items-center justify-between gap-2 py-1">
            <span className="font-mono break-all">/u/{h}</span>
            <form action={releaseHandleAction}>
              <input type="hidden" name="handle" value={h} />
              <button type="submit" className="min-h-11 px-1 font-medium underline underline-offset-2" aria-label={`Let /u/${h} go`}>
                Let it go
              </button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
