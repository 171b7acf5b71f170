import { apiRoute, parseId } from '@/lib/api/handler';
import { getPerson } from '@/lib/people/queries';
import { toVCard, vcardFileName } from '@/lib/people/vcard';

/** The person as a vCard 4.0 download. */
export const GET = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  const person = await getPerson(user.id, id);
  return new Response(toVCard(person), {
    headers: {
      'Content-Type': 'text/vcard; charset=utf-8',
      'Content-Disposition': `attachment; filename="${vcardFileName(person.displayName)}"`,
      'Cache-Control': 'no-store',
    },
  });
});
