import { chromium } from 'playwright-core';
const [url, out, cookieFile, js] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await b.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js !== 'nojs' });
if (cookieFile) {
  const fs = await import('node:fs');
  const [name, ...v] = fs.readFileSync(cookieFile, 'utf8').trim().split('=');
  await ctx.addCookies([{ name, value: v.join('='), url: new URL(url).origin }]);
}
const p = await ctx.newPage();
const r = await p.goto(url);
await p.waitForTimeout(800);
console.log(r.status(), (await p.textContent('body')).slice(0, 300));
await p.screenshot({ path: out });
await b.close();
