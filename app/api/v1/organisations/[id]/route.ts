import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { getOrganisation, listOrganisationEvents, listOrganisationFollowUps, listOrganisationPeople } from '@/lib/organisations/queries';
import { organisationDetailResponse } from '@/lib/people/openapi';

/** One organisation with its people, the events where the user met them, and open follow-ups. */
export const GET = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  const organisation = await getOrganisation(user.id, id);
  const [people, events, followUps] = await Promise.all([
    listOrganisationPeople(user.id, id),
    listOrganisationEvents(user.id, id),
    listOrganisationFollowUps(user.id, id),
  ]);
  return respond(organisationDetailResponse, { ...organisation, people, events, openFollowUps: followUps });
});
