import { restorePersonAction } from '../actions';
import { SubmitButton } from '@/app/_components/ui/submit-button';

/** The banner after a delete: who went, and the way back. */
export function UndoDelete({ id, name }: { id: string; name: string }) {
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <p>
        <strong className="font-medium">{name}</strong> was deleted.
      </p>
      <form action={restorePersonAction}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton variant="secondary" pendingText="Restoring…">
          Undo
        </SubmitButton>
      </form>
    </div>
  );
}
