/**
 * The visualizer's benchmark (part of `npm run bench`): in headless Chromium, against the real
 * `vnetsim view` server,
 *  - layout and first render of a 2,000-node topology (70 hosts x 9 VMs on one switch);
 *  - frames per second while animating it (target >= 30);
 *  - time to open a 1,000,000-record trace (target < 3 s), from navigation to a page ready to play.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { bridgedDatacenter } from './scenarios.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';

interface Row { case: string; measure: string; value: string; target: string; ok: string }

function serve(file: string): Promise<{ url: string; stop(): void }> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/vnetsim.js'), 'view', file, '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => proc.kill('SIGTERM') });
    });
    proc.once('exit', (c) => reject(new Error(`vnetsim view exited ${c}`)));
  });
}

/** 70 hosts x 9 VMs (2,171 nodes); 100 VMs each ping a VM on another host, 20 times. */
function bigScenario(): string {
  let text = bridgedDatacenter(70, 9, { ping: false }).replace('duration: 30s', 'duration: 2s');
  text += 'traffic:\n';
  for (let v = 1; v <= 100; v++) text += `  - ping: { from: vm${v}, to: vm${631 - v}, count: 20, interval: 1ms, start: ${1000 + v * 0.01}ms }\n`;
  return text;
}

/** Frames drawn per second over `ms`, counted with requestAnimationFrame in the page. */
function measureFps(page: Page, ms: number): Promise<number> {
  return page.evaluate((dur) => new Promise<number>((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = (t: number) => {
      frames++;
      if (t - start < dur) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (t - start));
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`web benchmark skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vnetsim-bench-web-'));
  const rows: Row[] = [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // ---- 2,000 nodes --------------------------------------------------------------------------
    const big = join(dir, 'big.yaml');
    writeFileSync(big, bigScenario());
    let s = await serve(big);
    let page = await browser.newPage({ viewport: { width: 1600, height: 940 } });
    await page.goto(s.url);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 120_000 });
    const t = await page.evaluate(() => {
      const v = (window as unknown as { vnetsim: { timings(): { layoutMs: number; firstDrawMs: number; loadMs: number }; nodes(): number; records(): number } }).vnetsim;
      return { ...v.timings(), nodes: v.nodes(), records: v.records() };
    });
    rows.push({ case: `${t.nodes} nodes`, measure: 'layout', value: `${t.layoutMs.toFixed(0)} ms`, target: '', ok: '' });
    rows.push({ case: `${t.nodes} nodes`, measure: 'first render', value: `${t.firstDrawMs.toFixed(0)} ms`, target: '', ok: '' });
    rows.push({ case: `${t.nodes} nodes, ${t.records.toLocaleString('en-US')} events`, measure: 'simulate in the page', value: `${(t.loadMs / 1000).toFixed(2)} s`, target: '', ok: '' });
    // Animate the first pings: ARP floods through 630 VMs, then echoes.
    await page.evaluate(() => (window as unknown as { vnetsim: { app: { seek(t: number): void } } }).vnetsim.app.seek(1_000_150_000));
    await page.$eval('#speed', (el) => { (el as HTMLInputElement).value = '2'; el.dispatchEvent(new Event('input')); });
    await page.click('#btn-play');
    await page.waitForTimeout(500);
    const fps = await measureFps(page, 4000);
    const inFlight = await page.$eval('#topo', (c) => Number((c as HTMLElement).dataset.inFlight));
    rows.push({ case: `${t.nodes} nodes animating`, measure: 'frames/s', value: fps.toFixed(1), target: '>= 30', ok: fps >= 30 ? 'yes' : 'NO' });
    rows.push({ case: `${t.nodes} nodes animating`, measure: 'frames in flight (last)', value: String(inFlight), target: '', ok: '' });
    await page.close();
    s.stop();

    // ---- a 1,000,000-record trace -------------------------------------------------------------
    const full = join(dir, 'storm.ndjson');
    // The storm scenario stops at 40 ms; a copy running one simulated second writes well over a
    // million records, of which the first 1,000,000 (after the header) are kept.
    const longStorm = join(dir, 'storm-1s.yaml');
    writeFileSync(longStorm, readFileSync(join(ROOT, 'scenarios/03-broadcast-storm.yaml'), 'utf8').replace(/^duration: .*$/m, 'duration: 1s'));
    execFileSync(process.execPath, [join(ROOT, 'bin/vnetsim.js'), 'run', longStorm, '--trace', full], { stdio: 'ignore' });
    const trace = join(dir, 'million.ndjson');
    const bytes = takeLines(full, trace, 1_000_001);
    rmSync(full);
    s = await serve(trace);
    page = await browser.newPage({ viewport: { width: 1600, height: 940 } });
    await page.goto(s.url);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 120_000 });
    const open = await page.evaluate(() => ({
      ms: performance.getEntriesByName('vnetsim-ready')[0]!.startTime,
      records: (window as unknown as { vnetsim: { records(): number } }).vnetsim.records(),
    }));
    rows.push({ case: `trace of ${open.records.toLocaleString('en-US')} records (${(bytes / 1e6).toFixed(0)} MB)`, measure: 'open, navigation to ready', value: `${(open.ms / 1000).toFixed(2)} s`, target: '< 3 s', ok: open.ms < 3000 ? 'yes' : 'NO' });
    const scrub = await page.evaluate(() => {
      const app = (window as unknown as { vnetsim: { app: { seek(t: number): void; endTime: number } } }).vnetsim.app;
      const t0 = performance.now();
      app.seek(app.endTime);
      const t1 = performance.now();
      app.seek(app.endTime / 2);
      return { first: t1 - t0, back: performance.now() - t1 };
    });
    rows.push({ case: 'same trace', measure: 'scrub to the end (first time)', value: `${scrub.first.toFixed(0)} ms`, target: '', ok: '' });
    rows.push({ case: 'same trace', measure: 'scrub back to the middle', value: `${scrub.back.toFixed(0)} ms`, target: '', ok: '' });
    await page.close();
    s.stop();
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const cols: (keyof Row)[] = ['case', 'measure', 'value', 'target', 'ok'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (r: Row) => cols.map((c, i) => r[c].padEnd(width[i]!)).join('  ');
  console.log(line({ case: 'case', measure: 'measure', value: 'value', target: 'target', ok: 'ok' }));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Copies the first `n` lines of a file; returns the bytes written. */
function takeLines(from: string, to: string, n: number): number {
  const fin = openSync(from, 'r'), fout = openSync(to, 'w');
  const buf = Buffer.alloc(1 << 22);
  let lines = 0, total = 0;
  try {
    for (;;) {
      const got = readSync(fin, buf, 0, buf.length, null);
      if (got === 0) break;
      let end = got;
      for (let i = 0; i < got; i++) {
        if (buf[i] === 10 && ++lines === n) { end = i + 1; break; }
      }
      writeSync(fout, buf, 0, end);
      total += end;
      if (lines >= n) break;
    }
  } finally {
    closeSync(fin);
    closeSync(fout);
  }
  return total;
}

await main();
