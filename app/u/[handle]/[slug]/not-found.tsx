/**
 * A post that is not (or no longer) published, read by someone who followed a link: said in a reader's words, under
 * the author's name, with the way to what they have published, rather than the app's "not yours to see".
 */
export default function PostNotFound() {
  return (
    <div className="py-8 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Nothing to read here</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">This post is not published, or its address is mistyped.</p>
      {/* "." is the author's page (/u/<handle>/, which Next sends on to /u/<handle>): no handle is passed to a not-found page. */}
      <a href="." className="mt-6 inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-400">
        Read what the author has published
      </a>
    </div>
  );
}
