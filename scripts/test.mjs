#!/usr/bin/env node
/**
 * `npm test`: the unit and database files and the browser files in two Vitest processes side by side.
 *
 * One Vitest process runs its projects one after another, and the browser files (one at a time) leave about a third
 * of a 2-core machine idle while Chromium waits on the app server and the other way round. Here the database files
 * run beside them at a lower CPU priority (`nice`), so they fill that idle time without slowing the browser files,
 * whose waits have time limits (docs/performance.md 5t). Each process's output is passed through as it comes, and a
 * JSON report asked for with `--outputFile` is written once, from both.
 *
 * Anything that picks projects or watches (`--project`, `--watch`, `--shard`) runs one plain `vitest` as before, and
 * so does `RAPPORT_TEST_SERIAL=1 npm test`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const vitest = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const picksItsOwn = args.some((a) => /^--(project|watch|shard|ui)\b|^-w$/.test(a)) || args[0] === 'watch';
const serial = process.env.RAPPORT_TEST_SERIAL === '1' || picksItsOwn || !fs.existsSync(chromium);

if (serial) {
  const child = spawn(process.execPath, [vitest, ...(args[0] === 'watch' ? [] : ['run']), ...args], { stdio: 'inherit' });
  forwardSignals([child]);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await sideBySide();
}

async function sideBySide() {
  const { rest, outputFile } = takeOutputFile(args);
  const parts = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'));
  const databaseProjects = ['pglite*', ...(process.env.TEST_DATABASE_URL ? ['postgres*'] : [])];
  const runs = [
    { name: 'database files', projects: databaseProjects, nice: true },
    { name: 'browser files', projects: ['browser'], nice: false },
  ].map((run, i) => {
    const report = outputFile ? path.join(parts, `${i}.json`) : undefined;
    const vitestArgs = [vitest, 'run', ...run.projects.flatMap((p) => ['--project', p]), '--passWithNoTests', ...rest];
    if (report) vitestArgs.push('--outputFile', report);
    // Linux and macOS: `nice` lowers the database files' priority; elsewhere they run at the same priority.
    const niced = run.nice && process.platform !== 'win32';
    const [command, commandArgs] = niced ? ['nice', ['-n', '10', process.execPath, ...vitestArgs]] : [process.execPath, vitestArgs];
    const started = Date.now();
    const child = spawn(command, commandArgs, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) },
    });
    passLines(child.stdout, process.stdout);
    passLines(child.stderr, process.stderr);
    const done = new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve({ ...run, report, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 })),
    );
    return { child, done };
  });
  forwardSignals(runs.map((r) => r.child));
  const results = await Promise.all(runs.map((r) => r.done));

  if (outputFile) {
    const reports = results.filter((r) => fs.existsSync(r.report)).map((r) => JSON.parse(fs.readFileSync(r.report, 'utf8')));
    if (reports.length) {
      fs.mkdirSync(path.dirname(path.resolve(outputFile)), { recursive: true });
      fs.writeFileSync(outputFile, JSON.stringify(reports.reduce(mergeReports)));
    }
  }
  fs.rmSync(parts, { recursive: true, force: true });

  console.log('');
  for (const r of results) console.log(`${r.name}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`);
  process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
}

/** `--outputFile X`, `--outputFile=X` or `--outputFile.json=X` taken out of the arguments (each process writes its own). */
function takeOutputFile(list) {
  const rest = [];
  let outputFile;
  for (let i = 0; i < list.length; i++) {
    const m = /^--outputFile(?:\.json)?(?:=(.*))?$/.exec(list[i]);
    if (!m) rest.push(list[i]);
    else outputFile = m[1] ?? list[++i];
  }
  return { rest, outputFile };
}

/** Vitest's JSON report of two runs as one: counts added, files listed together, success only if both succeeded. */
function mergeReports(a, b) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === 'startTime') out[key] = Math.min(a[key] ?? value, value);
    else if (key === 'success') out[key] = Boolean(a[key]) && Boolean(value);
    else if (typeof value === 'number' && typeof a[key] === 'number') out[key] = a[key] + value;
    else if (Array.isArray(value) && Array.isArray(a[key])) out[key] = [...a[key], ...value];
    else if (value && typeof value === 'object' && a[key] && typeof a[key] === 'object') out[key] = mergeReports(a[key], value);
    else if (!(key in a)) out[key] = value;
  }
  return out;
}

/** Copies a child's output whole lines at a time, so that the two processes' lines do not cut into each other. */
function passLines(from, to) {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    to.write(pending.slice(0, end + 1));
    pending = pending.slice(end + 1);
  });
  from.on('end', () => pending && to.write(pending));
}

function forwardSignals(children) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const child of children) child.kill(signal);
    });
  }
}
