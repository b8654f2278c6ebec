#!/usr/bin/env node
/**
 * npm test — everything, in order, stopping at the first failure:
 *   typecheck → lint → unit → integration (PGlite) → integration (PostgreSQL server) → web build → browser
 * Prints the time of each stage, a summary naming the stage that failed, the test counts and the total time.
 *
 * Options (for local use): --only=unit,integration   run just these stages
 *                          --skip=postgres,browser   leave these out
 *                          --list                    list the stages
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = path.join(root, '.tmp', 'test-reports');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const log = (m = '') => process.stdout.write(`${m}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** One vitest project run, with a JSON report next to the usual console output so tests can be counted. */
function vitest(project, label) {
  const report = path.join(reportDir, `${label}.json`);
  return {
    cmd: bin('vitest'),
    args: ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    report,
  };
}

const stages = [
  {
    key: 'typecheck',
    title: 'type-check (tsc: server, tests, scripts; web app)',
    steps: () => {
      if (!fs.existsSync(path.join(root, 'web', 'tsconfig.json'))) {
        throw new StageError('web/tsconfig.json is missing: the web app cannot be type-checked');
      }
      return [
        { cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
        { cmd: bin('tsc'), args: ['-p', path.join('web', 'tsconfig.json')] },
      ];
    },
  },
  { key: 'lint', title: 'lint (eslint, no warnings allowed)', steps: () => [{ cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] }] },
  { key: 'unit', title: 'unit tests (vitest project "unit")', steps: () => [vitest('unit', 'unit')] },
  {
    key: 'integration',
    title: 'API integration tests on embedded PostgreSQL (PGlite)',
    steps: () => [{ ...vitest('integration', 'integration-pglite'), env: { TEST_DATABASE_URL: '' } }],
  },
  {
    key: 'postgres',
    title: 'API integration tests on a PostgreSQL server',
    steps: () => {
      const v = vitest('integration', 'integration-postgres');
      return [{ cmd: process.execPath, args: [path.join(root, 'scripts', 'with-postgres.mjs'), v.cmd, ...v.args], report: v.report }];
    },
  },
  {
    key: 'web',
    title: 'web app build (vite)',
    steps: () => {
      if (!fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) throw new StageError('web/vite.config.ts is missing');
      return [{ cmd: bin('vite'), args: ['build', '--config', path.join('web', 'vite.config.ts'), '--logLevel', 'warn'] }];
    },
  },
  {
    key: 'browser',
    title: 'browser tests in Chromium (vitest project "browser")',
    steps: () => {
      ensureChromium();
      return [{ ...vitest('browser', 'browser'), env: { CHROMIUM_PATH: CHROMIUM } }];
    },
  },
];

class StageError extends Error {}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (isRoot && fs.existsSync('/etc/debian_version') && !process.env.CHROMIUM_PATH) {
    log(`[test] ${CHROMIUM} not found: installing Debian's chromium with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install =
      update.status === 0 && spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0 && fs.existsSync(CHROMIUM)) return;
    throw new StageError('installing chromium with apt-get failed (see above)');
  }
  throw new StageError(
    `Chromium not found at ${CHROMIUM}. Install it (Debian/Ubuntu: \`sudo apt-get install chromium\`) ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

function run(step) {
  return new Promise((resolve) => {
    log(`$ ${path.relative(root, step.cmd) || step.cmd} ${step.args.join(' ')}`);
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
    const onSignal = (s) => child.kill(s);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    child.on('error', (err) => {
      log(`[test] could not run ${step.cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 1));
    });
  });
}

function readCounts(report) {
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    return {
      passed: r.numPassedTests ?? 0,
      failed: r.numFailedTests ?? 0,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
      files: Array.isArray(r.testResults) ? r.testResults.length : 0,
    };
  } catch {
    return null;
  }
}

function parseArgs(argv) {
  const pick = (name) => {
    const a = argv.find((x) => x.startsWith(`--${name}=`));
    return a ? a.slice(name.length + 3).split(',').filter(Boolean) : null;
  };
  const known = new Set(stages.map((s) => s.key));
  const only = pick('only');
  const skip = pick('skip') ?? [];
  for (const k of [...(only ?? []), ...skip]) {
    if (!known.has(k)) {
      log(`unknown stage "${k}"; stages: ${[...known].join(', ')}`);
      process.exit(2);
    }
  }
  if (argv.includes('--list')) {
    for (const s of stages) log(`${s.key.padEnd(12)} ${s.title}`);
    process.exit(0);
  }
  return stages.filter((s) => (only ? only.includes(s.key) : true) && !skip.includes(s.key));
}

const selected = parseArgs(process.argv.slice(2));
fs.rmSync(reportDir, { recursive: true, force: true });
fs.mkdirSync(reportDir, { recursive: true });

const started = Date.now();
const results = [];
let failedStage = null;
for (const [i, stage] of selected.entries()) {
  log();
  log(`━━━ [${i + 1}/${selected.length}] ${stage.key}: ${stage.title} ━━━`);
  const t0 = Date.now();
  let ok = true;
  let why = '';
  const counts = { passed: 0, failed: 0, skipped: 0, files: 0 };
  let counted = false;
  try {
    for (const step of stage.steps()) {
      const code = await run(step);
      if (step.report) {
        const c = readCounts(step.report);
        if (c) {
          counted = true;
          for (const k of Object.keys(counts)) counts[k] += c[k];
        }
      }
      if (code !== 0) {
        ok = false;
        why = `exit code ${code} from ${path.basename(step.cmd)} ${step.args.slice(0, 3).join(' ')}`;
        break;
      }
    }
  } catch (err) {
    ok = false;
    why = err instanceof StageError ? err.message : String(err?.stack ?? err);
    log(`[test] ${why}`);
  }
  const ms = Date.now() - t0;
  results.push({ stage, ok, ms, why, counts: counted ? counts : null });
  log(`━━━ ${stage.key}: ${ok ? 'passed' : 'FAILED'} in ${seconds(ms)} ━━━`);
  if (!ok) {
    failedStage = stage;
    break;
  }
}

const total = Date.now() - started;
log();
log('Summary');
for (const s of selected) {
  const r = results.find((x) => x.stage === s);
  const status = !r ? 'not run' : r.ok ? 'passed' : 'FAILED';
  const time = r ? seconds(r.ms).padStart(8) : ''.padStart(8);
  const c = r?.counts ? `  ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped (${r.counts.files} files)` : '';
  log(`  ${s.key.padEnd(12)} ${status.padEnd(8)} ${time}${c}`);
}
const sum = results.reduce(
  (acc, r) => (r.counts ? { passed: acc.passed + r.counts.passed, failed: acc.failed + r.counts.failed, skipped: acc.skipped + r.counts.skipped } : acc),
  { passed: 0, failed: 0, skipped: 0 },
);
if (failedStage) {
  const r = results[results.length - 1];
  log();
  log(`npm test FAILED at stage "${failedStage.key}" (${failedStage.title}): ${r.why}`);
}
log();
log(`Tests: ${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
log(`Total time: ${seconds(total)}${failedStage ? ' (stopped at the first failure)' : ''}`);
process.exit(failedStage ? 1 : 0);
