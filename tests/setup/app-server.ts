import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startApp } from '../support/app-process';

const root = path.resolve(__dirname, '../..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const SOURCES = ['app', 'lib', 'db', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json'];

function newestMtime(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the production app unless a build newer than every source file is already there. */
function ensureBuild() {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestMtime));
  if (built > sources) return;
  console.log(`[browser tests] building the app into ${distDir} (sources changed since the last build)…`);
  execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root, stdio: 'inherit' });
}

/** Starts `next start` on a free port with its own empty embedded database, for the browser tests. */
export default async function setup(project: TestProject) {
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const app = await startApp({
    DATABASE_URL: '',
    PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    AUTH_TRUST_HOST: 'true',
    SIGN_IN_LIMIT: '5',
    // Every browser test signs in and up from 127.0.0.1: only the per-email limit is exercised here.
    SIGN_IN_IP_LIMIT: '100000',
    SIGN_UP_LIMIT: '100000',
  });
  project.provide('baseURL', app.baseURL);
  return async () => {
    await app.stop();
    if (process.env.E2E_SHOW_SERVER_LOG) console.log(app.output());
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}
