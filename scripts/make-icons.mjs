// Renders the app's icons from the same glyph as app/icon.svg, in real Chromium: `node scripts/make-icons.mjs`.
import { chromium } from 'playwright-core';
const glyph = 'M10 23V9h6.2c3 0 4.8 1.7 4.8 4.2 0 2-1.1 3.4-3 3.9l3.4 5.9h-3.3l-3.1-5.6H13V23zm3-8.1h3c1.3 0 2-.7 2-1.7s-.7-1.7-2-1.7h-3z';
// "any": the rounded tile as in icon.svg. "maskable": full-bleed background, glyph inside the 80% safe circle.
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2f5fd0"/><path d="${glyph}" fill="#fff"/></svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#2f5fd0"/><g transform="translate(16 16) scale(0.7) translate(-16 -16)"><path d="${glyph}" fill="#fff"/></g></svg>`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const targets = [
  ['public/icons/icon-192.png', any, 192],
  ['public/icons/icon-512.png', any, 512],
  ['public/icons/maskable-192.png', maskable, 192],
  ['public/icons/maskable-512.png', maskable, 512],
  // iOS rounds the corners itself: the full-bleed tile, at the size it asks for.
  ['app/apple-icon.png', maskable, 180],
];
for (const [path, svg, size] of targets) {
  {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path, omitBackground: true });
    await page.close();
  }
}
await browser.close();
