/** Typography for rendered posts (editor preview and public page), without a typography plugin. */
export const proseClass = [
  'max-w-none text-[1.0625rem] leading-relaxed text-zinc-800 dark:text-zinc-200 wrap-anywhere',
  '[&_p]:my-4 [&_h1]:mt-8 [&_h1]:mb-3 [&_h1]:text-2xl [&_h1]:font-semibold',
  '[&_h2]:mt-8 [&_h2]:mb-2 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:tracking-tight [&_h2]:text-zinc-900 dark:[&_h2]:text-zinc-50',
  '[&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-semibold',
  '[&_ul]:my-4 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-1.5',
  '[&_a]:text-accent-700 [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-accent-200',
  '[&_blockquote]:my-4 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-4 [&_blockquote]:italic dark:[&_blockquote]:border-zinc-700',
  '[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:text-[0.9em] dark:[&_code]:bg-zinc-800',
  '[&_pre]:my-4 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-zinc-100 [&_pre]:p-3 dark:[&_pre]:bg-zinc-800',
  '[&_hr]:my-8 [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-800 [&_strong]:font-semibold',
  '[&_img]:max-w-full [&_table]:block [&_table]:overflow-x-auto',
  '[&>*:first-child]:mt-0',
].join(' ');
