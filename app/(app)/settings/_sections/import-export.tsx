import { Download, Upload } from 'lucide-react';
import { ButtonLink } from '@/app/_components/ui/button';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Card } from '@/app/_components/ui/card';

const downloads = [
  { format: 'vcard', label: 'People as vCard', hint: 'Every person, vCard 4.0, for phones and address books' },
  { format: 'csv', label: 'People as CSV', hint: 'Google Contacts’ layout: imports there, opens in a spreadsheet' },
  { format: 'json', label: 'Full backup (JSON)', hint: 'Everything in the account; restores here through Import' },
] as const;

/** Import from a file; export people or the whole account. */
export function ImportExportSection() {
  return (
    <Card>
      <h2 id="import-export" className="mb-1 text-base font-semibold">
        Import and export
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Bring contacts in from a phone, Google, Outlook or LinkedIn, or restore a backup. Nothing is written before you have seen what will happen.
      </p>
      <ButtonLink href="/settings/import" variant="secondary">
        <Upload aria-hidden className="size-4" />
        Import contacts or a backup
      </ButtonLink>
      <ul className="mt-4 space-y-2">
        {downloads.map((d) => (
          <li key={d.format} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <a href={`/api/v1/export?format=${d.format}`} download className={buttonClass('secondary')}>
              <Download aria-hidden className="size-4" />
              {d.label}
            </a>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{d.hint}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
