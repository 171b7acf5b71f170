import Link from 'next/link';

/**
 * Posts named in a sentence, each a link to its editor (one in Deleted, to Deleted, where it can be restored), joined
 * with commas and a last "and".
 */
export function PostLinks({ posts }: { posts: { id: string; title: string; deleted?: boolean }[] }) {
  return posts.map((p, i) => (
    <span key={p.id}>
      {i === 0 ? '' : i === posts.length - 1 ? ' and ' : ', '}
      <Link href={p.deleted ? '/settings/deleted' : `/posts/${p.id}`} className="font-medium underline">
        {p.title}
      </Link>
      {p.deleted ? ' (in Deleted)' : ''}
    </span>
  ));
}
