import { notFound } from 'next/navigation';

/**
 * Past a public post's address (`/u/handle/slug/anything`): a plain 404 for any reader, signed in or not. Without it
 * the app's own catch-all (app/(app)/[...missing]) would take the address and send a signed-out reader to sign in.
 */
export default function PastAPost(): never {
  notFound();
}
