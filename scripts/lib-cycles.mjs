#!/usr/bin/env node
// Feature folders of lib/ that import each other both ways ("a <-> b"). No dependency: the import lines of
// lib/**/*.ts are read with a regular expression, and only `@/lib/...` and relative specifiers count.
// Run: node scripts/lib-cycles.mjs (prints one pair a line); tests/unit/lib-cycles.test.ts fails on a new pair.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const lib = join(root, 'lib');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? walk(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

// The foundation (top-level lib/*.ts files and these folders) never imports a feature: lint holds that
// (eslint.config.mjs), with lib/api/registry.ts as its one named exception. Only feature folders are graphed here.
const FOUNDATION = new Set(['actions', 'api', 'auth', 'validation']);

/** The feature folder of a file under lib/, or null for the foundation. */
function folderOf(file) {
  const parts = relative(lib, file).split(sep);
  return parts.length > 1 && !FOUNDATION.has(parts[0]) ? parts[0] : null;
}

/** Feature folder -> the feature folders it imports (with one importing file as an example). */
export function folderGraph() {
  const edges = new Map();
  for (const file of walk(lib)) {
    const from = folderOf(file);
    if (!from) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      let target;
      if (spec.startsWith('@/lib/')) target = join(lib, spec.slice('@/lib/'.length));
      else if (spec.startsWith('.')) target = resolve(dirname(file), spec);
      else continue;
      if (!target.startsWith(lib + sep)) continue;
      const to = folderOf(target + (relative(lib, target).includes(sep) ? '' : '.ts'));
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, relative(root, file));
    }
  }
  return edges;
}

/** Every pair of folders importing each other, as "a <-> b" (a before b), sorted. */
export function twoWayPairs(edges = folderGraph()) {
  const pairs = [];
  for (const [a, tos] of edges) for (const b of tos.keys()) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  return pairs.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const edges = folderGraph();
  const pairs = twoWayPairs(edges);
  for (const p of pairs) {
    const [a, b] = p.split(' <-> ');
    console.log(`${p}   (${edges.get(a).get(b)} ; ${edges.get(b).get(a)})`);
  }
  console.log(`${pairs.length} two-way pairs of lib/ feature folders.`);
}
