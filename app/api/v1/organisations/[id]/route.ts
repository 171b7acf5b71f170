import { apiRoute, json, parseId } from '@/lib/api/handler';
import { getOrganisation, listOrganisationEvents, listOrganisationFollowUps, listOrganisationPeople } from '@/lib/organisations/queries';

/** One organisation with its people, the events where the user met them, and open follow-ups. */
export const GET = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  const organisation = await getOrganisation(user.id, id);
  const [people, events, followUps] = await Promise.all([
    listOrganisationPeople(user.id, id),
    listOrganisationEvents(user.id, id),
    listOrganisationFollowUps(user.id, id),
  ]);
  return json({ ...organisation, people, events, openFollowUps: followUps });
});
