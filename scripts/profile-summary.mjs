// Summarises a V8 .cpuprofile (node --cpu-prof) by where the time went: self time grouped into the steps of a
// request (React server rendering, the proxy, JWT decryption, postgres.js, Next's router…), plus the top functions.
// Usage: node scripts/profile-summary.mjs file.cpuprofile [requests]
import fs from 'node:fs';

const [file, requestsArg] = process.argv.slice(2);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const requests = Number(requestsArg ?? 0);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000);

const GROUPS = [
  ['idle', (f) => f === '(idle)'],
  ['garbage collection', (f) => f === '(garbage collector)'],
  ['JWT decryption (jose, next-auth)', (f, u) => /jose|@auth|next-auth/.test(u)],
  ['postgres.js driver', (f, u) => /node_modules\/postgres\//.test(u)],
  ['drizzle', (f, u) => /drizzle-orm/.test(u)],
  [
    'React server rendering (react-dom/server, RSC)',
    (f, u) => /react-dom|react-server|server\.edge|server\.node|\/react\//.test(u) || /app-page.*runtime/.test(u),
  ],
  ['Next router, proxy adapter, response', (f, u) => /next\/dist/.test(u)],
  ['app code (compiled chunks)', (f, u) => /\.next\/server\/chunks|\.next\/server\/app/.test(u)],
  ['node internals (http, streams, crypto, zlib)', (f, u) => u.startsWith('node:') || u === ''],
];
const totals = new Map();
const fns = new Map();
let all = 0;
for (const [id, ms] of self) {
  const n = byId.get(id);
  const f = n.callFrame.functionName || '(anonymous)';
  const u = n.callFrame.url || '';
  all += ms;
  const g = GROUPS.find(([, test]) => test(f, u))?.[0] ?? 'other';
  totals.set(g, (totals.get(g) ?? 0) + ms);
  const key = `${f} ${u.replace(/^.*node_modules\//, '').replace(/^.*\.next\//, '.next/')}:${n.callFrame.lineNumber}`;
  fns.set(key, (fns.get(key) ?? 0) + ms);
}
const busy = all - (totals.get('idle') ?? 0);
console.log(
  `profile: ${(all / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s${requests ? `, ${(busy / requests).toFixed(1)} ms CPU per request over ${requests} requests` : ''}`,
);
console.log('\n| step | share of busy CPU |\n|---|---|');
for (const [g, ms] of [...totals].sort((a, b) => b[1] - a[1])) if (g !== 'idle') console.log(`| ${g} | ${((100 * ms) / busy).toFixed(1)} % |`);
console.log('\ntop functions by self time:');
for (const [k, ms] of [...fns]
  .filter(([k]) => !k.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 25))
  console.log(`${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${k.slice(0, 150)}`);
