import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { createFromEventSchema, listPostsSchema, publishPostSchema, revertPostSchema, updatePostSchema } from './validation';

/** A post as the API answers: the serializer of every route that returns one. */
export const postResponse = z.object({
  id: z.uuid(),
  eventId: z.uuid().nullable(),
  title: z.string(),
  slug: z.string(),
  markdown: z.string(),
  style: z.enum(['narrative', 'summary', 'social']),
  status: z.enum(['draft', 'published']),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  url: z.string().nullable().describe('The public address, once published.'),
  unpublishedChanges: z
    .boolean()
    .describe('Published, and edited since: readers still see the text as last published, until `POST …/publish` (or `…/revert` drops the edits).'),
});

const listed = postResponse.omit({ markdown: true }).extend({ excerpt: z.string() });
/** A page of posts. */
export const postListResponse = z.object({ posts: z.array(listed), nextCursor: z.string().nullable() });
/** A published post's address. */
export const publishResponse = z.object({ url: z.string() });
/** A post back to draft. */
export const unpublishResponse = z.object({ id: z.uuid(), status: z.literal('draft') });
const tags = ['Posts'];

/** The posts endpoints, for the OpenAPI document. */
export const postEndpoints: EndpointDoc[] = [
  {
    method: 'post',
    path: '/api/v1/events/{id}/post',
    summary: 'Write a draft post from an event (narrative, bullet summary or social)',
    tags,
    body: createFromEventSchema,
    idempotent: true,
    responses: { 201: { description: 'The draft', schema: postResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/posts',
    summary: 'List posts, most recently edited first',
    tags,
    query: listPostsSchema,
    responses: { 200: { description: 'A page of posts', schema: postListResponse } },
  },
  { method: 'get', path: '/api/v1/posts/{id}', summary: 'Get a post', tags, responses: { 200: { description: 'The post', schema: postResponse } } },
  {
    method: 'patch',
    path: '/api/v1/posts/{id}',
    summary: 'Edit a post (title, markdown, slug) with the version you read',
    tags,
    body: updatePostSchema,
    responses: {
      200: {
        description:
          'The saved post. A post never published whose slug is still made from its title takes a slug from a new title (unless the edit gives one). An edit of a published post is held from readers (`unpublishedChanges`) until you publish it',
        schema: postResponse,
      },
      409: { description: 'Changed since you read it; `current` holds the current copy' },
    },
  },
  { method: 'delete', path: '/api/v1/posts/{id}', summary: 'Delete a post', tags, responses: { 204: { description: 'Deleted' } } },
  {
    method: 'post',
    path: '/api/v1/posts/{id}/publish',
    summary: 'Publish a post, or put out the edits made to it since it was published',
    tags,
    body: publishPostSchema,
    responses: {
      200: { description: 'The public address', schema: publishResponse },
      409: {
        description:
          'It names people who asked not to be named in public (`named`; for edits, only those the edits newly name): send `confirmNamed: true` to publish anyway. Or, given `version`, changed since you read it: `current` holds the current copy',
      },
      422: { description: 'Its title would read “[…]” once what is off the record is cut (`errors[].path` is `title`): give it a title of its own first' },
    },
  },
  {
    method: 'post',
    path: '/api/v1/posts/{id}/revert',
    summary: 'Drop the edits made to a published post since it went out: its text becomes what readers see',
    tags,
    body: revertPostSchema,
    responses: {
      200: { description: 'The post, with the text readers see', schema: postResponse },
      409: { description: 'Changed since you read it; `current` holds the current copy' },
    },
  },
  {
    method: 'post',
    path: '/api/v1/posts/{id}/unpublish',
    summary: 'Unpublish a post (back to draft)',
    tags,
    responses: { 200: { description: 'Now a draft', schema: unpublishResponse } },
  },
];
