/**
 * For the browser tests: builds the CLI and the page when their sources are newer (once, across
 * test files running in parallel), starts the real `vnetsim view` server on a free port, and
 * launches the system Chromium.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM_REASON = `browser tests skipped: ${CHROMIUM} is missing (install it: apt-get install -y chromium)`;

function newest(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function built(): boolean {
  const outs = ['dist/cli.js', 'web/dist/app.js', 'web/dist/worker.js', 'web/dist/index.html'].map((f) => join(ROOT, f));
  if (!outs.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...outs.map((f) => statSync(f).mtimeMs));
  const inputs = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'web/src')), newest(join(ROOT, 'web/static')), newest(join(ROOT, 'scenarios')),
    statSync(join(ROOT, 'web/build.mjs')).mtimeMs, statSync(join(ROOT, 'build.mjs')).mtimeMs);
  return oldest >= inputs;
}

/** Runs `node build.mjs` if anything it builds is older than its sources. */
export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'web/.build-lock');
  for (let i = 0; i < 600; i++) {
    if (built()) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building; a lock left by a killed run is stale after two minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // It went away meanwhile.
      }
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (!built()) execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('timed out waiting for another test file to build');
}

export interface Served {
  readonly url: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `vnetsim view [file] --port 0 --no-open` and waits for the URL it prints. */
export function serve(file: string | null, extra: string[] = []): Promise<Served> {
  const args = [join(ROOT, 'bin/vnetsim.js'), 'view', ...(file ? [file] : []), '--port', '0', '--no-open', ...extra];
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`vnetsim view printed no URL: ${out}${err}`)), 10_000);
    proc.stderr.on('data', (d) => { err += String(d); });
    proc.stdout.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!, proc,
          stop: () => new Promise<void>((r) => { if (proc.exitCode !== null) r(); else { proc.once('exit', () => r()); proc.kill('SIGTERM'); } }),
        });
      }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`vnetsim view exited ${code}: ${err}`)); });
  });
}

/** The system Chromium, headless; playwright gives every launch a fresh temporary profile (user-data-dir). */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

/** Runs the CLI: `vnetsim run FILE --trace OUT` and returns the trace's lines (header first). */
export function cliTrace(scenario: string, extra: string[] = []): { header: Record<string, unknown>; records: Record<string, unknown>[]; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vnetsim-trace-'));
  const file = join(dir, 'trace.ndjson');
  try {
    execFileSync(process.execPath, [join(ROOT, 'bin/vnetsim.js'), 'run', scenario, '--trace', file, ...extra], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // Exit status 1 means an expectation failed; the trace is still written.
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const lines = execFileSync('cat', [file], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { header: lines[0]!, records: lines.slice(1), file };
}

/**
 * Runs the CLI with --trace and reads only what a big trace needs checking against: the header,
 * the number of records and the last one, the TAPs live migrations move VMs to, and the devices
 * netdev records add during the run.
 */
export function cliTraceSummary(scenario: string): {
  header: Record<string, unknown>; count: number; last: Record<string, unknown>; replies: number; replyFrom: string | null; migratedTo: string[]; added: string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'vnetsim-trace-'));
  const file = join(dir, 'trace.ndjson');
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(ROOT, 'bin/vnetsim.js'), 'run', scenario, '--json', '--trace', file], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (e) {
    if ((e as { status?: number }).status !== 1) throw e;
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { traceRecords: number; pings: { from: string; received: number }[] };
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const headBuf = Buffer.alloc(Math.min(size, 1 << 22));
    readSync(fd, headBuf, 0, headBuf.length, 0);
    const head = headBuf.toString('utf8');
    const tailLen = Math.min(size, 1 << 16);
    const tailBuf = Buffer.alloc(tailLen);
    readSync(fd, tailBuf, 0, tailLen, size - tailLen);
    const lines = tailBuf.toString('utf8').trim().split('\n');
    const grep = (needle: string): string => {
      try {
        return execFileSync('grep', ['-F', needle, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      } catch (e) {
        // grep's status 1: no such records.
        if ((e as { status?: number }).status !== 1) throw e;
        return '';
      }
    };
    const moves = grep('"kind":"migrate"');
    const added = grep('"kind":"netdev"').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { at: string; event: string })
      .filter((r) => r.event === 'added').map((r) => r.at);
    return {
      header: JSON.parse(head.slice(0, head.indexOf('\n'))), count: report.traceRecords, last: JSON.parse(lines[lines.length - 1]!),
      replies: report.pings.reduce((a, p) => a + p.received, 0),
      replyFrom: report.pings.find((p) => p.received > 0)?.from ?? null,
      migratedTo: [...new Set(moves.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { to: string }).to))],
      added: [...new Set(added)],
    };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
