'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';

/**
 * The import whose result is on the page now: Recent imports, below it, then points up to that result rather than offer
 * its Undo a second time (undone in one place, the other's button would only meet "undone already").
 */
const Shown = createContext<{ id: string | null; show: (id: string | null) => void }>({ id: null, show: () => {} });

export function ImportShown({ children }: { children: ReactNode }) {
  const [id, show] = useState<string | null>(null);
  return <Shown.Provider value={{ id, show }}>{children}</Shown.Provider>;
}

export const useImportShown = () => useContext(Shown);
