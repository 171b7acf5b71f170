import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-20 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-accent-600 hover:underline">
        Back to Rapport
      </Link>
    </main>
  );
}
