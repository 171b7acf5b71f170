import { MemoryTabs } from '@/app/_components/shell/memory-tabs';

/** The Memory section (facts, topics, the weekly review) shares one row of tabs; each page checks the session itself. */
export default function MemoryLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <MemoryTabs />
      {children}
    </>
  );
}
