'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { MEMORY_TABS } from './nav-items';

/**
 * Facts, Topics and the weekly review: one "Memory" tab in the navigation, three tabs here. Plain links in a named
 * navigation (no list), so the page's own lists are the only lists in <main>.
 */
export function MemoryTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Memory" className="-mx-1 mb-4 overflow-x-auto print:hidden">
      <div className="flex gap-1 px-1">
        {MEMORY_TABS.map((tab) => {
          const active = pathname === tab.href || pathname.startsWith(tab.href + '/');
          return (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={active ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-medium whitespace-nowrap ${
                active ? 'bg-accent-600 text-white' : 'bg-zinc-100 text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-700'
              }`}
            >
              {tab.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
