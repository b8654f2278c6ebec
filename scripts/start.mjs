#!/usr/bin/env node
/**
 * npm start: builds the web app when its build is missing or older than its sources, then runs the
 * server (src/main.ts through tsx) with stdio inherited, signals forwarded and its exit code passed on.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = (...p) => path.join(root, 'web', ...p);
const say = (m) => process.stderr.write(`[start] ${m}\n`);

/** Newest modification time under the given files and folders (0 when none exist). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function webBuildNeeded() {
  const index = web('dist', 'index.html');
  if (!fs.existsSync(index)) return 'no build yet';
  const built = fs.statSync(index).mtimeMs;
  const sources = newestMtime([web('src'), web('index.html'), web('vite.config.ts')]);
  return sources > built ? 'sources changed since the last build' : null;
}

function buildWeb() {
  if (!fs.existsSync(web('vite.config.ts'))) {
    say('web/vite.config.ts not found: skipping the web build (the API still starts).');
    return;
  }
  const reason = webBuildNeeded();
  if (!reason) return;
  say(`building the web app (${reason})…`);
  const t0 = Date.now();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', web('vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    // npm test fails on a broken build; here the server still starts, so the API stays usable.
    const stale = fs.existsSync(web('dist', 'index.html'));
    say(`WARNING: the web build failed (see above); ${stale ? 'serving the previous build' : 'starting the API without the web app'}.`);
    return;
  }
  say(`web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

buildWeb();

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

// A Ctrl-C in a terminal reaches this process, npm and the server at once; the server shuts down
// gracefully on the first SIGINT/SIGTERM, so a signal is forwarded once, and a repeat a few seconds
// later (an impatient second Ctrl-C) ends the server at once.
let forwardedAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode !== null) return;
    const now = Date.now();
    if (forwardedAt === 0) {
      forwardedAt = now;
      child.kill(signal);
    } else if (now - forwardedAt > 3000) {
      child.kill('SIGKILL');
    }
  });
}
child.on('error', (err) => {
  say(`could not start the server: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal && forwardedAt === 0) say(`the server was killed by ${signal}`);
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 1));
});
