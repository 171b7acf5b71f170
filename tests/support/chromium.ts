import { chromium, type Browser } from 'playwright-core';

type LaunchPersistentContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

/** Where Debian's Chromium is (apt-get install -y chromium), unless CHROMIUM_PATH says otherwise. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this sandbox needs (no network, no sandbox as root). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * A browser with a real profile on disk (a folder of the caller's), as an installed app or a service worker
 * needs: Chromium treats the contexts of `launchBrowser()` as incognito.
 */
export function launchProfile(dir: string, options: Omit<LaunchPersistentContextOptions, 'executablePath' | 'args'> = {}) {
  return chromium.launchPersistentContext(dir, { executablePath: chromiumPath, args: chromiumArgs, ...options });
}
