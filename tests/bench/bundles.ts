/**
 * First-load JavaScript per route, gzipped, from the build's own list of each route's first-load chunks
 * (`.next/diagnostics/route-bundle-stats.json`; Next 16 no longer prints the figure).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface RouteJs {
  route: string;
  gzipKiB: number;
  rawKiB: number;
}

export function firstLoadJs(root: string, distDir = '.next'): RouteJs[] | string {
  const file = path.join(root, distDir, 'diagnostics', 'route-bundle-stats.json');
  if (!fs.existsSync(file)) return `skipped: no ${path.relative(root, file)} (next build first)`;
  const stats = JSON.parse(fs.readFileSync(file, 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
  const gz = new Map<string, number>();
  const size = (p: string) => {
    if (!gz.has(p)) gz.set(p, zlib.gzipSync(fs.readFileSync(path.join(root, p.replace(/^\.next\//, `${distDir}/`)))).length);
    return gz.get(p)!;
  };
  return stats
    .map((s) => ({
      route: s.route,
      gzipKiB: +(s.firstLoadChunkPaths.reduce((t, p) => t + size(p), 0) / 1024).toFixed(1),
      rawKiB: +(s.firstLoadChunkPaths.reduce((t, p) => t + fs.statSync(path.join(root, p.replace(/^\.next\//, `${distDir}/`))).size, 0) / 1024).toFixed(1),
    }))
    .sort((a, b) => b.gzipKiB - a.gzipKiB);
}

if (process.argv[1]?.endsWith('bundles.ts')) {
  const out = firstLoadJs(path.resolve(__dirname, '../..'), process.env.BENCH_DIST_DIR ?? '.next');
  if (typeof out === 'string') console.log(out);
  else for (const r of out) console.log(`${r.route.padEnd(40)} ${r.gzipKiB} KiB gzip (${r.rawKiB} KiB raw)`);
}
