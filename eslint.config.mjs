import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

// Paths are relative to this file, whichever folder eslint runs from.
const root = import.meta.dirname;
const list = (dir, options) => readdirSync(join(root, dir), options);

// The layers and their boundaries are described in docs/architecture.md ("Boundaries"); this is where they hold.

/** Every path under `app/` that is not `dir` or inside it: the siblings of `dir` and of each of its parents. */
function appOutside(dir) {
  const targets = [];
  for (let d = dir; d !== 'app'; d = dirname(d)) {
    const parent = dirname(d);
    for (const entry of list(parent)) if (join(parent, entry) !== d) targets.push(`./${join(parent, entry)}`);
  }
  return targets;
}

/** Next.js private folders (`_name`) inside a route: the widgets, sections and panels of that route only. */
function privateFolders(dir = 'app') {
  return list(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (path === 'app/_components') return [];
      return e.name.startsWith('_') ? [path] : privateFolders(path);
    });
}

// db/seed.ts is a script that signs up its demo user through lib/auth like a real sign-up: the one named exception.
const dbCore = list('db')
  .filter((entry) => !['seed.ts', 'seed-data.ts', 'migrations'].includes(entry))
  .map((entry) => `./db/${entry}`);

// The foundation every feature builds on; it never reaches up into a feature (lib/api/registry.ts collects the
// features' OpenAPI documents, so it is the one file of lib/api outside the zone).
const foundation = [
  ...list('lib', { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `./lib/${e.name}`),
  './lib/actions',
  './lib/auth',
  './lib/validation',
  ...list('lib/api')
    .filter((entry) => entry !== 'registry.ts')
    .map((entry) => `./lib/api/${entry}`),
];
const features = list('lib', { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['actions', 'auth', 'validation', 'api'].includes(e.name))
  .map((e) => `./lib/${e.name}`);

const boundaries = [
  { target: './lib', from: './app', message: 'lib/ never imports app/: move what both need into lib/.' },
  { target: dbCore, from: ['./lib', './app'], message: 'db/ knows the data only: it imports neither lib/ nor app/.' },
  { target: './app', from: './db', message: 'app/ reaches the database through lib/ (a query or write taking userId).' },
  { target: foundation, from: features, message: 'The shared foundation (lib/*.ts, api, actions, auth, validation) never imports a feature.' },
  ...privateFolders().map((dir) => ({
    target: appOutside(dirname(dir)),
    from: `./${dir}`,
    message: `${dir} is private to its route: a widget used by several routes belongs in app/_components/<feature>/.`,
  })),
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { basePath: root, zones: boundaries }],
    },
  },
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/pglite', '@electric-sql/pglite/*'],
              message: 'app/ holds no SQL and no database client: add a function to lib/<feature>/ and call it.',
            },
          ],
        },
      ],
    },
  },
  {
    // An error printed as it is carries what the database quoted (drizzle's "Failed query … params: …" holds notes,
    // emails and password hashes): server code logs through lib/log.ts's logError, which keeps only what is safe.
    files: ['app/**', 'lib/**'],
    ignores: ['lib/log.ts'],
    rules: { 'no-console': 'error' },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', '.try-*'] },
];

export default config;
