import { escapeText, foldLine } from '@/lib/content-lines';
import { splitName } from './name-parts';

/**
 * vCard 4.0 (RFC 6350) for one person. Pure, so it is unit-tested without a database.
 */
export interface VCardPerson {
  id: string;
  name: string | null;
  displayName: string;
  role: string | null;
  organisation: { name: string } | null;
  sector: { name: string } | null;
  email: string | null;
  phone: string | null;
  links: string[];
  notes: string | null;
  /** The person's own topics: CATEGORIES after the sector. */
  topics?: string[];
  updatedAt: Date;
}

/** The person as a vCard 4.0 document (CRLF line endings). */
export function toVCard(p: VCardPerson): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${p.id}`, `FN:${escapeText(p.displayName)}`];
  if (p.name) {
    const { prefix, given, family } = splitName(p.name);
    lines.push(`N:${escapeText(family)};${escapeText(given)};;${escapeText(prefix)};`);
  }
  if (p.organisation?.name) lines.push(`ORG:${escapeText(p.organisation.name)}`);
  if (p.role) lines.push(`TITLE:${escapeText(p.role)}`);
  if (p.email) lines.push(`EMAIL;TYPE=work:${escapeText(p.email)}`);
  if (p.phone) lines.push(`TEL;VALUE=uri:tel:${p.phone.replace(/[^0-9+]/g, '')}`);
  // A URI value is not TEXT-escaped, but a line break in it would start a new property: strip controls.
  for (const link of p.links) lines.push(`URL:${link.replace(/[\u0000-\u001f\u007f]/g, '')}`);
  // CATEGORIES is a comma-separated list; escapeText escapes a comma inside one value.
  const categories = [p.sector?.name, ...(p.topics ?? [])].filter((c): c is string => !!c);
  if (categories.length) lines.push(`CATEGORIES:${categories.map(escapeText).join(',')}`);
  if (p.notes) lines.push(`NOTE:${escapeText(p.notes)}`);
  lines.push(
    `REV:${p.updatedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
  );
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A safe file name for the download: letters, digits and dashes. */
export function vcardFileName(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'contact'}.vcf`;
}
