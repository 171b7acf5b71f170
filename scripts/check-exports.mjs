#!/usr/bin/env node
// Exports of lib/ and app/ that no other file imports: each is dead code, or a name that should not be exported.
// No dependency: import lines are read with regular expressions, and `@/` and relative paths resolved by hand.
// Run: node scripts/check-exports.mjs (prints one `file: name` a line; exit 1 when there is any). Types and interfaces
// are left out (they cost nothing at run time, and a function's exported parameter type documents it); `--types`
// lists them too.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['lib', 'app', 'db', 'tests', 'scripts'];
const ROOT_FILES = ['proxy.ts', 'instrumentation.ts', 'next.config.ts', 'vitest.config.ts', 'drizzle.config.ts'];
const CHECKED = ['lib/', 'app/'];
const WITH_TYPES = process.argv.includes('--types');

// Names Next.js reads from route files by convention, not by import.
const NEXT_NAMES = new Set([
  'default',
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'metadata',
  'viewport',
  'generateMetadata',
  'generateViewport',
  'generateStaticParams',
  'dynamic',
  'dynamicParams',
  'revalidate',
  'runtime',
  'preferredRegion',
  'maxDuration',
  'fetchCache',
  'contentType',
  'size',
  'alt',
  'config',
  'register',
  'onRequestError',
]);

function walk(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : walk(rel);
    return /\.(ts|tsx|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const files = [...SOURCE_DIRS.flatMap(walk), ...ROOT_FILES.filter((f) => existsSync(join(root, f)))];
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** The file an import specifier names, or null for a package. */
function resolveSpecifier(from, spec) {
  let base;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = relative(root, resolve(root, dirname(from), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, `${base}.js`, join(base, 'index.ts')]) {
    if (text.has(candidate) && !(existsSync(join(root, candidate)) && statSync(join(root, candidate)).isDirectory())) return candidate;
  }
  return null;
}

const used = new Map(); // file -> Set of names imported by other files ('*' for all)
const markUsed = (file, name) => {
  if (!used.has(file)) used.set(file, new Set());
  used.get(file).add(name);
};

for (const [file, src] of text) {
  // import { a, b as c } from '…'; import type { … }; export { a } from '…'; export * from '…'
  for (const m of src.matchAll(/(?:import|export)\s+(type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+[\w$]+|\*)?\s*from\s*['"]([^'"]+)['"]/g)) {
    const target = resolveSpecifier(file, m[4]);
    if (!target || target === file) continue;
    if (m[2]) markUsed(target, 'default');
    if (m[3] !== undefined) {
      for (const part of m[3].split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]
          ?.trim();
        if (name) markUsed(target, name);
      }
    } else if (/\*/.test(m[0])) markUsed(target, '*');
  }
  // Dynamic imports (tests load route modules and server actions by path): every export counts as used.
  for (const m of src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const target = resolveSpecifier(file, m[1]);
    if (target) markUsed(target, '*');
  }
}

const dead = [];
for (const [file, src] of text) {
  if (!CHECKED.some((d) => file.startsWith(d))) continue;
  // Server actions are endpoints: tests reach them by path and name (tests/db/isolation-matrix.test.ts).
  if (/^\s*['"]use server['"]/.test(src)) continue;
  const names = new Set();
  const kinds = WITH_TYPES
    ? 'function\\*?|const|let|var|class|enum|abstract\\s+class|type|interface'
    : 'function\\*?|const|let|var|class|enum|abstract\\s+class';
  const declared = new RegExp(`^export\\s+(?:declare\\s+)?(?:default\\s+)?(?:async\\s+)?(?:${kinds})\\s+([\\w$]+)`, 'gm');
  for (const m of src.matchAll(declared)) names.add(/^export\s+default\b/.test(m[0]) ? 'default' : m[1]);
  for (const m of src.matchAll(/^export\s*\{([^}]*)\}\s*;?$/gm)) {
    for (const part of m[1].split(',')) {
      if (!WITH_TYPES && /^\s*type\s/.test(part)) continue;
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim();
      if (name) names.add(name);
    }
  }
  const seen = used.get(file) ?? new Set();
  if (seen.has('*')) continue;
  for (const name of names) if (!NEXT_NAMES.has(name) && !seen.has(name)) dead.push(`${file}: ${name}`);
}

if (dead.length) {
  console.log(dead.sort().join('\n'));
  console.log(`\n${dead.length} exports no other file imports: make them local, or delete them.`);
  process.exit(1);
}
console.log('Every export of lib/ and app/ is imported somewhere.');
