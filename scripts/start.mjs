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

/**
 * argon2 ships prebuilt binaries; on some Node builds (this project's Debian machines among them) the
 * prebuilt one crashes the process (SIGSEGV) at the first hash, while one compiled here works. npm compiles
 * it only when package.json's allowScripts lets argon2's install script run. When no compiled build is
 * present, check the module in a child process and, if it crashes, compile it with npm's own node-gyp.
 */
function ensureArgon2(root, say) {
  const dir = path.join(root, 'node_modules', 'argon2');
  if (!fs.existsSync(dir) || fs.existsSync(path.join(dir, 'build', 'Release', 'argon2.node'))) return;
  const probe = spawnSync(process.execPath, ['-e', "require('argon2').hash('probe').then(() => process.exit(0), () => process.exit(1))"], {
    cwd: root,
    stdio: 'ignore',
    timeout: 60_000,
  });
  if (probe.status === 0) return;
  say(`argon2's prebuilt native module does not work with this Node (${probe.signal ?? `exit ${probe.status}`}); compiling it (node-gyp)…`);
  const npmCli = fs.realpathSync(spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim());
  const nodeGyp = path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const nodedir = fs.existsSync('/usr/include/node/node.h') ? ['--nodedir=/usr'] : [];
  const build = spawnSync(process.execPath, [nodeGyp, 'rebuild', ...nodedir], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}\n${build.stderr}\n`);
    say('compiling argon2 failed: set "argon2": true under allowScripts in package.json and run `npm rebuild argon2`.');
    process.exit(1);
  }
  say('argon2 compiled.');
}

ensureArgon2(root, say);
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
