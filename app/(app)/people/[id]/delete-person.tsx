import { Trash2 } from 'lucide-react';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { deletePersonAction } from '../actions';

/** Deletes straight away: the list it returns to offers an undo, which is kinder than a confirm box. */
export function DeletePerson({ id }: { id: string }) {
  return (
    <form action={deletePersonAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="ghost" pendingText="Deleting…" className="text-red-700 dark:text-red-400">
        <Trash2 aria-hidden className="size-4" /> Delete
      </SubmitButton>
    </form>
  );
}
