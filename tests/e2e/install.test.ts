import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthPages, baseURL, PHONE, watchErrors } from '../support/browser';
import { launchProfile } from '../support/chromium';

/** Width and height from a PNG's IHDR chunk: the icon really is the size the manifest claims. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
  shortcuts: { name: string; url: string }[];
};

describe('Rapport installs on a phone', () => {
  it('serves a complete manifest and its icons to a visitor without a session', async () => {
    const res = await fetch(new URL('/manifest.webmanifest', baseURL()), { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({ name: 'Rapport', short_name: 'Rapport', start_url: '/', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.shortcuts).toContainEqual(expect.objectContaining({ name: 'Log an event', url: '/events/new' }));

    const sizes = new Set<string>();
    for (const icon of manifest.icons) {
      const img = await fetch(new URL(icon.src, baseURL()), { redirect: 'manual' });
      expect(img.status, icon.src).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await img.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
      sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
    }
    for (const needed of ['192x192 any', '512x512 any', '512x512 maskable']) expect(sizes).toContain(needed);
  });

  it('every page links the manifest, and Chromium finds no installability error', async () => {
    // A profile on disk: Chromium will not install from an incognito context (its first installability error).
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-install-'));
    const context = await launchProfile(dir, { baseURL: baseURL(), viewport: PHONE, locale: 'en-GB' });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = watchErrors(page);
    await page.goto('/sign-in');
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    await new AuthPages(page).signUp('Ines Install');
    for (const path of ['/', '/events/new', '/people']) {
      await page.goto(path);
      expect(await page.locator('link[rel="manifest"]').count(), path).toBe(1);
    }
    await page.goto('/');
    const cdp = await context.newCDPSession(page);
    const { url, errors: parseErrors } = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: { message: string }[];
    };
    expect(url).toBe(new URL('/manifest.webmanifest', baseURL()).href);
    expect(parseErrors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });
});
