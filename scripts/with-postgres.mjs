#!/usr/bin/env node
/**
 * node scripts/with-postgres.mjs <command...>
 *
 * Runs <command> with a throw-away PostgreSQL (>= 15) server: a fresh cluster in a temp dir, listening
 * only on 127.0.0.1 at a free port, trust authentication, fsync off. The command gets
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres; afterwards the server is stopped and
 * the temp dir removed (also when the command fails or a signal arrives). Exits with the command's code.
 *
 * PostgreSQL is looked for on PATH and in /usr/lib/postgresql/<version>/bin; when missing and we are root
 * on Debian, it is installed with apt-get. Otherwise the script fails and says what to install: a test
 * stage that needs a database server never skips silently.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const MIN_VERSION = 15;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const say = (m) => process.stderr.write(`[with-postgres] ${m}\n`);

function fail(message) {
  say(`ERROR: ${message}`);
  process.exit(2);
}

function majorVersion(pgCtl) {
  const r = spawnSync(pgCtl, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout ?? '');
  return r.status === 0 && m ? Number(m[1]) : null;
}

/** Directories holding both initdb and pg_ctl, newest PostgreSQL first. */
function candidateBinDirs() {
  const dirs = [];
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    for (const v of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) dirs.push(path.join(root, v, 'bin'));
  }
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) if (d) dirs.push(d);
  return dirs.filter((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
}

function findPostgres() {
  for (const dir of candidateBinDirs()) {
    const pgCtl = path.join(dir, 'pg_ctl');
    const version = majorVersion(pgCtl);
    if (version !== null && version >= MIN_VERSION) return { dir, version };
  }
  return null;
}

function installPostgres() {
  if (!isRoot || !fs.existsSync('/etc/debian_version')) return false;
  say('PostgreSQL not found: installing it with apt-get (Debian package "postgresql")…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  return install.status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function ensurePostgresUser() {
  if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
  say('creating system user "postgres" (PostgreSQL refuses to run as root)');
  const r = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'inherit' });
  if (r.status !== 0) fail('could not create the "postgres" user; create it (useradd --system postgres) or run as a non-root user');
}

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function pgRun(bin, args, opts = {}) {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

const command = process.argv.slice(2);
if (command.length === 0) fail('usage: node scripts/with-postgres.mjs <command...>');

let found = findPostgres();
if (!found) {
  if (installPostgres()) found = findPostgres();
  if (!found) {
    fail(
      `PostgreSQL >= ${MIN_VERSION} server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin` +
        (isRoot ? ' and could not be installed with apt-get.' : '.') +
        ' Install them, e.g. `sudo apt-get install postgresql` (Debian/Ubuntu), `brew install postgresql@16` (macOS),' +
        ' or point TEST_DATABASE_URL at a server and run the integration tests directly.',
    );
  }
}
const initdb = path.join(found.dir, 'initdb');
const pgCtl = path.join(found.dir, 'pg_ctl');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opennrm-pg-'));
const dataDir = path.join(tmp, 'data');
const socketDir = path.join(tmp, 'sock');
const logFile = path.join(tmp, 'postgres.log');
fs.mkdirSync(socketDir);
let started = false;
let cleanedUp = false;

function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (started) {
    try {
      pgRun(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    } catch (err) {
      say(`stopping PostgreSQL failed: ${err.stderr || err.message}`);
      try {
        // Last resort: the postmaster's pid is the first line of postmaster.pid.
        const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

function showServerLog() {
  try {
    process.stderr.write(fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') + '\n');
  } catch {
    /* no log yet */
  }
}

try {
  if (isRoot) {
    ensurePostgresUser();
    execFileSync('chown', ['-R', 'postgres:', tmp]);
  }
  pgRun(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      '# opennrm test server (scripts/with-postgres.mjs)',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${socketDir}'`,
      'max_connections = 100',
      'shared_buffers = 128MB',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      "timezone = 'UTC'",
      '',
    ].join('\n'),
  );
  const t0 = Date.now();
  started = true;
  pgRun(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  say(`PostgreSQL ${found.version} ready at ${url} in ${Date.now() - t0} ms`);

  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  const onSigint = forward('SIGINT');
  const onSigterm = forward('SIGTERM');
  const onSighup = forward('SIGHUP');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  const code = await new Promise((resolve) => {
    child.on('error', (err) => {
      say(`could not run ${command[0]}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (c, signal) => resolve(c ?? 128 + (os.constants.signals[signal] ?? 1)));
  });
  cleanup();
  process.exit(code);
} catch (err) {
  say(`ERROR: ${err.stderr || err.message}`);
  showServerLog();
  cleanup();
  process.exit(2);
}
