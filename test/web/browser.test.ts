/**
 * The visualizer in the system Chromium, against the real `vnetsim view` server: every built-in
 * scenario loads and plays to its end; the step and scrub controls land where the CLI's trace
 * says; scrubbing to T shows the same state as playing to T; the storm shows frames moving and
 * the frames-per-second chart rising; schema errors show with line and path; hostile names are
 * shown as text; a trace file written by `vnetsim run --trace` loads; a cable unplugged and plugged
 * back in is listed in words and drawn unplugged exactly in between; a VM live-migrated between
 * hosts is listed in words and drawn where it runs, the same however time got there; a bridge and
 * a VLAN sub-interface a timeline adds are drawn, with their ties, only from when they are added
 * (and listed in words); a malformed migrate or netdev line in a trace file is refused with its
 * file and line.
 */
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cableTrace, migrateTrace, NIC_CABLE, ROOT, scenarioText, SW_CABLE } from './helpers.js';
import { cliTrace, cliTraceSummary, ensureBuilt, HAVE_CHROMIUM, launch, NO_CHROMIUM_REASON, serve, type Served } from './serve.js';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const BUILTINS = readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)).sort();

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

function pageErrors(page: Page): string[] {
  return (page as unknown as { errors: string[] }).errors;
}

async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === '1' || document.body.dataset.phase === 'problems' || document.body.dataset.phase === 'error', null, { timeout });
  const phase = await page.evaluate(() => document.body.dataset.phase);
  if (phase !== 'ready') throw new Error(`page is ${phase}: ${await page.textContent('#stage-msg')}`);
}

async function setSpeed(page: Page, exp: number): Promise<void> {
  await page.$eval('#speed', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, exp);
}

async function clock(page: Page): Promise<{ ns: number; cursor: number }> {
  return page.$eval('#clock', (el) => ({ ns: Number((el as HTMLElement).dataset.ns), cursor: Number((el as HTMLElement).dataset.cursor) }));
}

async function rows(page: Page): Promise<number> {
  return Number(await page.$eval('#events', (el) => (el as HTMLElement).dataset.rows ?? '0'));
}

async function playToEnd(page: Page): Promise<void> {
  await setSpeed(page, 26);
  await page.click('#btn-play');
  await page.waitForFunction(() => !(window as unknown as { vnetsim: { state(): { playing: boolean } } }).vnetsim.state().playing, null, { timeout: 60_000 });
}

/** The cells of the event list's current row, once it shows record `i`. */
async function currentRow(page: Page, i: number): Promise<string[]> {
  const row = await page.waitForSelector(`.ev-row.current[data-i="${i}"]`, { timeout: 10_000 });
  return row.$$eval('span', (s) => s.filter((x) => x.parentElement?.classList.contains('ev-row')).map((x) => x.textContent ?? ''));
}

/** Writes NDJSON lines to a temporary file named `name` and serves it with `vnetsim view`. */
function serveTrace(name: string, lines: readonly string[]): Promise<Served> {
  const file = join(mkdtempSync(join(tmpdir(), 'vnetsim-view-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return serve(file);
}

/** Lower and upper bounds of red, green and blue. */
type RgbRange = readonly [r0: number, r1: number, g0: number, g1: number, b0: number, b1: number];

/** Canvas pixels within `r` device pixels of the middle between two devices, of a colour in `rgb`. */
function pixelsBetween(page: Page, a: string, b: string, r: number, rgb: RgbRange): Promise<number> {
  return page.evaluate(([a, b, r, [r0, r1, g0, g1, b0, b1]]) => {
    const v = (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim;
    const [ax, ay] = v.screenOf(a), [bx, by] = v.screenOf(b);
    const c = document.querySelector<HTMLCanvasElement>('#topo')!;
    const dpr = c.width / c.getBoundingClientRect().width;
    const img = c.getContext('2d')!.getImageData(Math.round(((ax + bx) / 2) * dpr) - r, Math.round(((ay + by) / 2) * dpr) - r, 2 * r + 1, 2 * r + 1).data;
    let n = 0;
    for (let i = 0; i < img.length; i += 4) {
      if (img[i]! >= r0 && img[i]! <= r1 && img[i + 1]! >= g0 && img[i + 1]! <= g1 && img[i + 2]! >= b0 && img[i + 2]! <= b1) n++;
    }
    return n;
  }, [a, b, r, rgb] as const);
}

/** Waits for two animation frames: what the page draws after a change is on the canvas. */
function settleFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Moves time with the go-to box (`2.05s`) and waits for the picture. */
async function gotoTime(page: Page, text: string): Promise<void> {
  await page.fill('#goto', text);
  await page.press('#goto', 'Enter');
  await settleFrames(page);
}

/** Drags the scrubber to `t` (ns). */
function scrubToTime(page: Page, t: number): Promise<void> {
  return page.$eval('#scrubber', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, t);
}

/** The event list's rows as shown, cells joined by ` | `. */
function eventRows(page: Page): Promise<string[]> {
  return page.$$eval('.ev-row', (r) => r.map((x) => Array.from(x.children).map((c) => c.textContent).join(' | ')));
}

/** At the end of the run, the event list filtered to `kind`, once it shows `n` rows. */
async function rowsOfKind(page: Page, kind: string, n: number): Promise<string[]> {
  await page.click('#btn-end');
  await page.click(`#f-kinds button[data-v="${kind}"]`);
  await page.waitForFunction((k) => document.querySelectorAll('.ev-row').length === k, n);
  return eventRows(page);
}

/** Clicks device `id` in the picture and waits for its Device panel. */
async function clickDevice(page: Page, id: string): Promise<void> {
  const [x, y] = await page.evaluate((n) => (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim.screenOf(n), id);
  const b = (await (await page.$('#topo'))!.boundingBox())!;
  await page.mouse.click(b.x + x, b.y + y);
  await page.waitForFunction((n) => document.querySelector('#panel-device.active .device-title')?.textContent === n, id);
}

function secondsText(ns: number): string {
  const s = Math.floor(ns / 1e9);
  return `${s}.${String(ns - s * 1e9).padStart(9, '0')}`;
}

describe.skipIf(!HAVE_CHROMIUM)('visualizer in Chromium', () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let plain: Served;

  beforeAll(async () => {
    await ensureBuilt();
    [plain, { browser, close: closeBrowser }] = await Promise.all([serve(null), launch()]);
  }, 120_000);
  afterAll(async () => {
    await closeBrowser?.();
    await plain?.stop();
  });

  it('loads every built-in scenario and plays it to the end', async () => {
    const page = await open(browser, plain.url);
    // The welcome screen offers each built-in scenario as a card.
    await page.waitForSelector('#welcome:not([hidden]) .card');
    expect(await page.$$eval('#cards .card', (c) => c.length)).toBe(BUILTINS.length);
    for (const file of BUILTINS) {
      const trace = cliTraceSummary(`scenarios/${file}`);
      await page.selectOption('#builtin', `scenarios/${file}`);
      await waitReady(page);
      const topo = trace.header.topology as { nodes: { id: string }[] };
      // The header's devices, any device the run adds and any TAP a live migration makes on its
      // destination host (one node for a TAP both name).
      const drawn = topo.nodes.length + new Set([...trace.added, ...trace.migratedTo].filter((id) => !topo.nodes.some((n) => n.id === id))).size;
      expect(await page.$eval('#topo', (c) => Number((c as HTMLElement).dataset.nodes))).toBe(drawn);
      expect(await page.textContent('#status')).toContain(`${drawn} nodes`);
      expect(await rows(page)).toBe(0);
      await playToEnd(page);
      expect((await clock(page)).cursor).toBe(trace.count);
      // The last row is the trace's last record.
      const last = trace.last;
      const row = await currentRow(page, trace.count - 1);
      expect(await rows(page)).toBe(trace.count);
      expect(await page.textContent('#events-foot')).toContain(`${trace.count.toLocaleString('en-US')} of ${trace.count.toLocaleString('en-US')}`);
      expect(row[0]).toBe(secondsText(last.t as number));
      expect(row[1]).toBe(last.kind);
      // Every ping reply of the run is in the list.
      if (trace.replies > 0) {
        // Only the events of a VM whose ping was answered: in the VLAN scenarios most pings are
        // meant to fail, and the list shows only its first rows.
        await page.click('#f-kinds button[data-v="app"]');
        await page.fill('#f-node', trace.replyFrom ?? '');
        await page.waitForFunction(() => document.querySelector('#events-foot')!.textContent!.includes('(filtered)'));
        // The list follows the end of the run; the replies come first, so scroll to the top.
        await page.$eval('#events', (el) => { el.scrollTop = 0; });
        // The list re-renders after the filter settles; wait for the rows rather than racing them.
        const replyShown = await page
          .waitForFunction(
            () => Array.from(document.querySelectorAll('.ev-row .c-i')).some((x) => (x.textContent ?? '').startsWith('ping reply: seq')),
            undefined,
            { timeout: 10_000 },
          )
          .then(() => true, () => false);
        const shown = replyShown ? [] : await page.$$eval('.ev-row .c-i', (r) => r.slice(0, 8).map((x) => x.textContent ?? ''));
        expect(replyShown, `${file}: no "ping reply" row among ${JSON.stringify(shown)}`).toBe(true);
        await page.click('#f-clear');
      }
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('lists a ping’s reply, shows the frame’s layers and path, and the device tables', async () => {
    const page = await open(browser, `${plain.url}#builtin=01-one-host-bridge.yaml`);
    await waitReady(page);
    await playToEnd(page);
    // Filter the list to application events: the replies are there.
    await page.click('#f-kinds button[data-v="app"]');
    await page.waitForFunction(() => document.querySelectorAll('.ev-row').length === 6);
    const texts = await page.$$eval('.ev-row .c-i', (r) => r.map((x) => x.textContent));
    expect(texts.filter((t) => /^ping reply: seq \d rtt \d+ns$/.test(t ?? ''))).toHaveLength(3);
    // Only ICMP frames: click the last echo reply and read its layers.
    await page.click('#f-clear');
    await page.click('#f-protocols button[data-v="icmp"]');
    await page.click('#f-kinds button[data-v="deliver"]');
    await page.waitForFunction(() => document.querySelectorAll('.ev-row').length === 6);
    const replies = await page.$$('.ev-row');
    await replies[replies.length - 1]!.click();
    await page.waitForSelector('#panel-frame.active .layer[data-layer="ICMP"]');
    const layers = await page.$$eval('#panel-frame .layer-name', (l) => l.map((x) => x.textContent));
    expect(layers).toEqual(['Ethernet II', 'IPv4', 'ICMP']);
    const icmp = await page.textContent('#panel-frame .layer[data-layer="ICMP"]');
    expect(icmp).toContain('0 (echo reply)');
    expect(icmp).toContain('sequence3');
    expect(await page.textContent('#panel-frame .layer[data-layer="IPv4"]')).toContain('TTL64');
    const path = await page.$$eval('#panel-frame ol.path li', (l) => l.map((x) => x.textContent));
    expect(path[0]).toContain('originate vm2/eth0');
    expect(path.some((p) => p?.includes('host1/tap1'))).toBe(true);
    expect(path[path.length - 1]).toContain('deliver vm1/eth0');
    // Click the bridge in the picture: its MAC table holds both VMs at the end.
    const at = await page.evaluate(() => (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim.screenOf('host1/br0'));
    const box = (await page.$('#topo'))!.boundingBox();
    const b = (await box)!;
    await page.mouse.click(b.x + at[0], b.y + at[1]);
    await page.waitForSelector('#panel-device.active table.grid');
    const device = await page.textContent('#panel-device');
    expect(device).toContain('MAC table of host1/br0 (2)');
    expect(device).toContain('host1/tap0');
    expect(device).toContain('vm2/eth0');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('steps and scrubs onto the same records and tables as the CLI’s trace', async () => {
    const trace = cliTrace('scenarios/02-bridged-datacenter.yaml');
    const page = await open(browser, `${plain.url}#builtin=02-bridged-datacenter.yaml`);
    await waitReady(page);
    // Step one event at a time: each lands on the trace's next record.
    for (let n = 1; n <= 12; n++) {
      await page.click('#btn-step');
      await page.waitForFunction((c) => document.querySelector('#clock')!.getAttribute('data-cursor') === String(c), n);
      const r = trace.records[n - 1]!;
      const row = await currentRow(page, n - 1);
      expect(row[0]).toBe(secondsText(r.t as number));
      expect(row[1]).toBe(r.kind);
      expect(row[2]).toBe(r.to && r.kind === 'tx' ? `${r.at} → ${r.to}` : r.at);
    }
    await page.click('#btn-back');
    expect((await clock(page)).cursor).toBe(11);
    // A hop: play on to the end of the next frame's hop.
    await page.click('#btn-hop');
    const nextRx = trace.records.findIndex((r, i) => i >= 11 && r.kind === 'rx');
    await page.waitForFunction((c) => document.querySelector('#clock')!.getAttribute('data-cursor') === String(c), nextRx + 1, { timeout: 5000 });
    expect((await clock(page)).ns).toBe(trace.records[nextRx]!.t);
    // Scrub to a time in the middle of the all-pairs pings, by typing it.
    const T = trace.records[Math.floor(trace.records.length * 0.6)]!.t as number;
    await page.fill('#goto', `${T}ns`);
    await page.press('#goto', 'Enter');
    const upTo = trace.records.filter((r) => (r.t as number) <= T);
    await page.waitForFunction((c) => document.querySelector('#clock')!.getAttribute('data-cursor') === String(c), upTo.length);
    expect(await rows(page)).toBe(upTo.length);
    // The MAC table of host2's bridge at T, from the CLI's learn and age-out records.
    const fdb = new Map<string, string>();
    for (const r of upTo) {
      if (r.at !== 'host2/br0') continue;
      if (r.kind === 'learn') fdb.set(r.mac as string, r.port as string);
      if (r.kind === 'age-out') fdb.delete(r.mac as string);
    }
    const at = await page.evaluate(() => (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim.screenOf('host2/br0'));
    const b = (await (await page.$('#topo'))!.boundingBox())!;
    await page.mouse.click(b.x + at[0], b.y + at[1]);
    await page.waitForSelector('#panel-device.active');
    const table = await page.$$eval('#panel-device table.grid tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
    const shown = new Map(table.filter((r) => /^[0-9a-f:]{17}$/.test(r[1] ?? '')).map((r) => [r[1]!, r[3]!]));
    expect(shown).toEqual(fdb);
    // And back to the start.
    await page.click('#btn-start');
    expect(await clock(page)).toEqual({ ns: 0, cursor: 0 });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 60_000);

  describe('the broadcast storm', () => {
    let storm: Served;
    beforeAll(async () => { storm = await serve('scenarios/03-broadcast-storm.yaml'); });
    afterAll(async () => { await storm?.stop(); });

    it('shows frames moving and the frames-per-second chart rising when played; scrubbing to T shows what playing to T showed', async () => {
      const page = await open(browser, storm.url);
      await waitReady(page);
      expect(await page.textContent('#title')).toBe('broadcast-storm');
      await page.click('#btn-play');
      const sample = () => page.evaluate(() => ({
        t: Number(document.querySelector('#clock')!.getAttribute('data-ns')),
        inFlight: Number(document.querySelector<HTMLElement>('#topo')!.dataset.inFlight ?? 0),
        fps: Number(document.querySelector<HTMLElement>('#chart-fps')!.dataset.last ?? 0),
        peak: Number(document.querySelector<HTMLElement>('#chart-fps')!.dataset.peak ?? 0),
        first: Number(document.querySelector<HTMLElement>('#chart-fps')!.dataset.first ?? 0),
        rows: Number(document.querySelector<HTMLElement>('#events')!.dataset.rows ?? 0),
      }));
      await page.waitForTimeout(1200);
      const a = await sample();
      await page.waitForTimeout(1800);
      const b = await sample();
      // Frames move: time runs from the ARP request (at 4 ms), frames are on the wires, events pile up.
      expect(a.t).toBeGreaterThan(4_000_000);
      expect(b.t).toBeGreaterThan(a.t);
      expect(a.inFlight).toBeGreaterThan(0);
      expect(b.inFlight).toBeGreaterThan(0);
      expect(b.rows).toBeGreaterThan(a.rows);
      expect(b.peak).toBeGreaterThanOrEqual(a.peak);
      expect(b.peak).toBeGreaterThan(0);
      // Faster: the storm fills the ring; the chart rises from nothing to the links' capacity and drops appear.
      // x8: about 12 ms of simulated time per second, so the storm saturates (from ~16 ms) before the 40 ms end.
      await setSpeed(page, 3);
      await page.waitForTimeout(1500);
      const c = await sample();
      expect(c.fps).toBeGreaterThan(c.first);
      expect(c.fps).toBeGreaterThan(100_000);
      await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#topo')!.dataset.drops ?? 0) > 0, null, { timeout: 5000 });
      await page.click('#btn-play');
      const played = await page.evaluate(() => {
        const v = (window as unknown as { vnetsim: { digest(): string; state(): { time: number; playing: boolean } } }).vnetsim;
        return { digest: v.digest(), time: v.state().time, playing: v.state().playing };
      });
      expect(played.playing).toBe(false);
      const cursor = (JSON.parse(played.digest) as { cursor: number }).cursor;
      const total = cliTraceSummary('scenarios/03-broadcast-storm.yaml').count;
      const counters = `${cursor.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events have happened`;
      await page.waitForFunction((c) => document.querySelector('#events-foot')!.textContent === c, counters, { timeout: 5000 });
      // Scrub away and back to exactly that time.
      const scrubTo = (t: number) => page.$eval('#scrubber', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, t);
      await scrubTo(30_000_000);
      await scrubTo(0);
      await scrubTo(played.time);
      const scrubbed = await page.evaluate(() => (window as unknown as { vnetsim: { digest(): string } }).vnetsim.digest());
      expect(scrubbed).toBe(played.digest);
      await page.waitForFunction((c) => document.querySelector('#events-foot')!.textContent === c, counters, { timeout: 5000 });
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }, 60_000);
  });

  it('flashes and lists leaks between tenants; devices drag, the view zooms', async () => {
    const page = await open(browser, plain.url);
    await page.click('#welcome-close');
    const text = scenarioText('01-one-host-bridge.yaml').replace('{ name: vm2, tenant: blue,', '{ name: vm2, tenant: red,');
    await page.click('#btn-paste');
    await page.fill('#paste-text', text);
    await page.click('#paste-run');
    await waitReady(page);
    // Frames coloured by the tenant that sent them; the legend names both tenants.
    await page.selectOption('#colour-by', 'tenant');
    expect(await page.textContent('#legend')).toContain('sent by blue');
    expect(await page.textContent('#legend')).toContain('sent by red');
    await playToEnd(page);
    await page.waitForFunction(() => Number(document.querySelector('#leak-count')!.textContent) > 0);
    await page.click('#tabs button[data-tab="leaks"]');
    await page.waitForSelector('#panel-leaks ol.leaks li');
    expect(await page.textContent('#panel-leaks ol.leaks li')).toContain('vm2 (red) received a frame from vm1 (blue)');
    // Drag vm1 (its vNIC goes with it), then zoom: the picture moves under the pointer.
    type V = { vnetsim: { screenOf(id: string): [number, number] } };
    const pos = (id: string) => page.evaluate((n) => (window as unknown as V).vnetsim.screenOf(n), id);
    const b = (await (await page.$('#topo'))!.boundingBox())!;
    const [vx, vy] = await pos('vm1');
    const [nx, ny] = await pos('vm1/eth0');
    await page.mouse.move(b.x + vx, b.y + vy);
    await page.mouse.down();
    await page.mouse.move(b.x + vx + 60, b.y + vy + 40, { steps: 5 });
    await page.mouse.up();
    const [vx2, vy2] = await pos('vm1');
    const [nx2, ny2] = await pos('vm1/eth0');
    expect(Math.round(vx2 - vx)).toBe(60);
    expect(Math.round(vy2 - vy)).toBe(40);
    expect(Math.round(nx2 - nx)).toBe(60);
    expect(Math.round(ny2 - ny)).toBe(40);
    const [hx, hy] = await pos('host1');
    await page.mouse.move(b.x + 20, b.y + 20);
    await page.mouse.wheel(0, -400);
    const [hx2, hy2] = await pos('host1');
    expect(Math.hypot(hx2 - 20, hy2 - 20)).toBeGreaterThan(Math.hypot(hx - 20, hy - 20) * 1.3);
    await page.click('#zoom-fit');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows schema errors with line and path', async () => {
    const page = await open(browser, plain.url);
    await page.click('#welcome-close');
    const broken = scenarioText('01-one-host-bridge.yaml').replace('duration: 5s', 'duration: five seconds');
    await page.click('#btn-paste');
    await page.fill('#paste-text', broken);
    await page.click('#paste-run');
    await page.waitForSelector('#problems:not([hidden]) .problem');
    const p = await page.$eval('.problem', (e) => ({ line: (e as HTMLElement).dataset.line, path: (e as HTMLElement).dataset.path, text: e.textContent }));
    const line = broken.split('\n').findIndex((l) => l.startsWith('duration:')) + 1;
    expect(p.line).toBe(String(line));
    expect(p.path).toBe('duration');
    expect(p.text).toContain(`line ${line}`);
    expect(p.text).toContain('duration: five seconds');
    await page.close();
  }, 30_000);

  it('shows hostile names as text', async () => {
    const page = await open(browser, plain.url);
    await page.click('#welcome-close');
    const evil = '<img src=x onerror=window.__xss=1>';
    // 1. A scenario name (any text is allowed there) runs and is shown literally.
    const named = scenarioText('01-one-host-bridge.yaml').replace('name: one-host-bridge', `name: "${evil}"`);
    await page.click('#btn-paste');
    await page.fill('#paste-text', named);
    await page.click('#paste-run');
    await waitReady(page);
    expect(await page.textContent('#title')).toBe(evil);
    // 2. A VM name the schema refuses: the problem quotes it, as text.
    const badVm = scenarioText('01-one-host-bridge.yaml').replace('name: vm1,', `name: "${evil.replace(/ /g, '')}",`);
    await page.click('#btn-paste');
    await page.fill('#paste-text', badVm);
    await page.click('#paste-run');
    await page.waitForSelector('#problems:not([hidden]) .problem');
    expect(await page.textContent('#problems')).toContain(evil.replace(/ /g, ''));
    // 3. A trace file names anything it likes: devices, places, the scenario.
    const trace = cliTrace('scenarios/01-one-host-bridge.yaml');
    const rename = (s: string) => s.replaceAll('vm1', evil).replaceAll('one-host-bridge', `<script>window.__xss=3</script>`);
    const text = [JSON.stringify(trace.header), ...trace.records.map((r) => JSON.stringify(r))].map(rename).join('\n');
    await page.click('#btn-paste');
    await page.fill('#paste-text', text);
    await page.click('#paste-run');
    await waitReady(page);
    await playToEnd(page);
    expect(await page.textContent('#title')).toBe('<script>window.__xss=3</script>');
    expect(await page.$$eval('.ev-row .c-at', (r) => r.map((x) => x.textContent)).then((t) => t.some((x) => x?.includes(`${evil}/eth0`)))).toBe(true);
    const at = await page.evaluate((id) => (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim.screenOf(id), evil);
    const b = (await (await page.$('#topo'))!.boundingBox())!;
    await page.mouse.click(b.x + at[0], b.y + at[1]);
    await page.waitForSelector('#panel-device.active .device-title');
    expect(await page.textContent('#panel-device .device-title')).toBe(evil);
    await page.click('#tabs button[data-tab="about"]');
    await page.waitForFunction(() => document.querySelector('#panel-about h2')?.textContent === '<script>window.__xss=3</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.$$eval('img', (i) => i.length)).toBe(1); // the logo
    expect(await page.$$eval('script', (s) => s.length)).toBe(1); // app.js
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('lists a cable unplugged and plugged back in, and draws it unplugged in between, stepping or scrubbing', async () => {
    const { lines } = cableTrace();
    const times = lines.slice(1).map((l) => (JSON.parse(l) as { t: number }).t);
    const s = await serveTrace('cable.ndjson', lines);
    try {
      const page = await open(browser, s.url);
      await waitReady(page);
      type V = { vnetsim: { digest(): string; unplugged(): string[]; screenOf(id: string): [number, number] } };
      // Two animation frames: the page has drawn what its state now says.
      const settle = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      const atCursor = async (c: number) => {
        await page.waitForFunction((n) => document.querySelector('#clock')!.getAttribute('data-cursor') === String(n), c);
        await settle();
      };
      const shown = async () => page.evaluate(() => {
        const v = (window as unknown as V).vnetsim;
        return { digest: v.digest(), unplugged: [...v.unplugged()].sort(), count: (document.querySelector('#topo') as HTMLElement).dataset.unplugged };
      });
      // Pixels in the middle of sw1-sw2's cable that have the colour of the unplugged mark (#be123c).
      const markPixels = () => pixelsBetween(page, 'sw1/p2', 'sw2/p1', 4, [141, 255, 0, 60, 0, 119]);
      const scrubTo = async (t: number, cursor: number) => {
        await page.$eval('#scrubber', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, t);
        await atCursor(cursor);
      };
      await settle();
      expect((await shown()).unplugged).toEqual([]);
      expect(await markPixels()).toBe(0);
      // Step one record at a time: after each, the cables unplugged are those the trace says, and
      // scrubbing away and back to the same time shows exactly the same.
      const expected = [[], [SW_CABLE], [NIC_CABLE, SW_CABLE], [SW_CABLE], [], []].map((x) => x.sort());
      for (let n = 1; n <= times.length; n++) {
        await page.click('#btn-step');
        await atCursor(n);
        const stepped = await shown();
        expect(stepped.unplugged, `after record ${n}`).toEqual(expected[n - 1]);
        expect(stepped.count).toBe(String(expected[n - 1]!.length));
        expect(await markPixels() > 0, `mark after record ${n}`).toBe(expected[n - 1]!.includes(SW_CABLE));
        await scrubTo(0, 0);
        await scrubTo(times[n - 1]!, n);
        expect(await shown(), `scrubbed to record ${n}`).toEqual(stepped);
      }
      // The event list words them; the kind filter keeps only them.
      const texts = await page.$$eval('.ev-row', (r) => r.map((x) => Array.from(x.children).map((c) => c.textContent).join(' | ')));
      expect(texts).toContain(`40.000000000 | cable | ${SW_CABLE} | unplugged`);
      expect(texts).toContain(`70.000000000 | cable | ${SW_CABLE} | plugged back in`);
      await page.click('#f-kinds button[data-v="cable"]');
      await page.waitForFunction(() => document.querySelectorAll('.ev-row').length === 4);
      expect(await page.$$eval('.ev-row', (r) => r.map((x) => Array.from(x.children).slice(1).map((c) => c.textContent).join(' ')))).toEqual([
        `cable ${SW_CABLE} unplugged`, `cable ${NIC_CABLE} unplugged`, `cable ${NIC_CABLE} plugged back in`, `cable ${SW_CABLE} plugged back in`]);
      await page.click('#f-clear');
      // Between the unplug and the plug (typed), and after the plug: drawn differently.
      await page.fill('#goto', '65s');
      await page.press('#goto', 'Enter');
      await atCursor(4);
      expect((await shown()).unplugged).toEqual([SW_CABLE]);
      const between = await markPixels();
      expect(await page.textContent('#legend')).toContain('unplugged cable');
      // The port's panel says its cable is out.
      const [px, py] = await page.evaluate(() => (window as unknown as V).vnetsim.screenOf('sw2/p1'));
      const b = (await (await page.$('#topo'))!.boundingBox())!;
      await page.mouse.click(b.x + px, b.y + py);
      await page.waitForSelector('#panel-device.active .device-title');
      expect(await page.textContent('#panel-device')).toContain('to sw1/p2: unplugged since 40 s');
      await page.fill('#goto', '80s');
      await page.press('#goto', 'Enter');
      await atCursor(5);
      expect((await shown()).unplugged).toEqual([]);
      const after = await markPixels();
      expect(between).toBeGreaterThan(0);
      expect(after).toBe(0);
      await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent!.includes('to sw1/p2: plugged in'));
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('follows a VM live-migrated between hosts: listed, drawn where it runs, the same by stepping, playing or scrubbing', async () => {
    const page = await open(browser, `${plain.url}#builtin=11-vm-migration.yaml`);
    await waitReady(page);
    type Placed = { host: string; tap: string | null; paused: boolean } | null;
    type V = { vnetsim: { digest(): string; placement(vm: string): Placed; screenOf(id: string): [number, number]; inFlight(): number; state(): { time: number; playing: boolean } } };
    const settle = () => settleFrames(page);
    const goto = (text: string) => gotoTime(page, text);
    // What the picture shows of vm1: where it runs, and how far it is drawn from each host's centre.
    const shown = () => page.evaluate(() => {
      const v = (window as unknown as V).vnetsim;
      const [x, y] = v.screenOf('vm1'), [nx, ny] = v.screenOf('vm1/eth0');
      const d = (id: string) => { const [hx, hy] = v.screenOf(id); return Math.round(Math.hypot(hx - x, hy - y)); };
      return { placement: v.placement('vm1'), host1: d('host1'), host2: d('host2'), vm: [x, y], vnic: [nx, ny], digest: v.digest() };
    });
    const hosts = await page.evaluate(() => {
      const v = (window as unknown as V).vnetsim;
      const [ax, ay] = v.screenOf('host1'), [bx, by] = v.screenOf('host2');
      return Math.hypot(bx - ax, by - ay);
    });
    // Before 2 s: on host1, behind host1/vnet1.
    await goto('1.9s');
    const before = await shown();
    expect(before.placement).toEqual({ host: 'host1', tap: 'host1/vnet1', paused: false });
    expect(before.host1).toBeLessThan(hosts / 2);
    expect(before.host2).toBeGreaterThan(hosts / 2);
    // The downtime: paused where it was.
    await goto('2.05s');
    const during = await shown();
    expect(during.placement).toEqual({ host: 'host1', tap: 'host1/vnet1', paused: true });
    expect(during.vm).toEqual(before.vm);
    // From 2.1 s: on host2, behind host2/vnet1, and its gratuitous ARP (amber) crosses the new hop.
    await goto('2.100006s');
    const after = await shown();
    expect(after.placement).toEqual({ host: 'host2', tap: 'host2/vnet1', paused: false });
    expect(after.host2).toBeLessThan(hosts / 2);
    expect(after.host1).toBeGreaterThan(hosts / 2);
    expect(await page.evaluate(() => (window as unknown as V).vnetsim.inFlight())).toBeGreaterThan(0);
    // ARP's colour, #f59e0b, half way along the new hop.
    expect(await pixelsBetween(page, 'vm1/eth0', 'host2/vnet1', 3, [221, 255, 131, 179, 0, 59])).toBeGreaterThan(0);
    // Scrubbing away and back to the same time shows exactly the same.
    const scrubTo = (t: number) => scrubToTime(page, t);
    await scrubTo(0);
    await scrubTo(4_000_000_000);
    await scrubTo(1_500_000_000);
    await scrubTo(2_100_006_000);
    await settle();
    expect(await shown()).toEqual(after);
    await scrubTo(1_900_000_000);
    await settle();
    expect(await shown()).toEqual(before);
    // Stepping record by record from the downtime onto the resume lands on the same picture.
    await goto('2.05s');
    for (let n = 0; n < 20 && (await shown()).placement?.paused; n++) {
      await page.click('#btn-step');
      await settle();
    }
    const stepped = await shown();
    expect(stepped.placement).toEqual(after.placement);
    expect([stepped.vm, stepped.vnic]).toEqual([after.vm, after.vnic]);
    // Playing across the move, then scrubbing to where the play stopped: the same.
    await goto('1.95s');
    await setSpeed(page, 18);
    await page.click('#btn-play');
    await page.waitForFunction(() => (window as unknown as V).vnetsim.state().time > 2_200_000_000, null, { timeout: 20_000 });
    await page.click('#btn-play');
    await settle();
    const played = await shown();
    const time = await page.evaluate(() => (window as unknown as V).vnetsim.state().time);
    expect(played.placement).toEqual(after.placement);
    await scrubTo(0);
    await scrubTo(time);
    await settle();
    expect(await shown()).toEqual(played);
    // The event list words the move; the kind filter keeps it; the node filter finds it under each host.
    const rowsText = () => eventRows(page);
    expect(await rowsOfKind(page, 'migrate', 2)).toEqual([
      '2.000000000 | migrate | vm1 | stopped on host1 (leaves host1/vnet1)',
      '2.100000000 | migrate | vm1 | resumed on host2 behind host2/vnet1',
    ]);
    for (const node of ['vm1', 'host1', 'host2', 'host2/vnet1']) {
      await page.fill('#f-node', node);
      await page.press('#f-node', 'Enter');
      await page.waitForFunction((n) => (window as unknown as { vnetsim: { state(): { filters: { node: string } } } }).vnetsim.state().filters.node === n, node);
      await settle();
      expect(await rowsText(), node).toHaveLength(2);
    }
    // Not under a device it has nothing to do with.
    await page.fill('#f-node', 'host2/tap0');
    await page.press('#f-node', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.ev-row').length === 0);
    await page.click('#f-clear');
    expect(await page.textContent('#legend')).toContain('VM paused by a live migration');
    // The VM's Device panel says where it runs now, and the TAP's who is behind it.
    await goto('3s');
    const click = (id: string) => clickDevice(page, id);
    await click('vm1');
    expect(await page.textContent('#panel-device')).toContain('host2, behind host2/vnet1 since 2.1 s (live-migrated from host1/vnet1; paused for 100 ms)');
    await goto('1s');
    await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent!.includes('runs onhost1, behind host1/vnet1'));
    await goto('3s');
    await click('host2/vnet1');
    expect(await page.textContent('#panel-device')).toContain('vm1 since 2.1 s (live-migrated from host1/vnet1)');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 90_000);


  it('draws the devices a timeline adds from the moment they are added, with their ties, the same by scrubbing back', async () => {
    const page = await open(browser, `${plain.url}#builtin=13-vlan-limits.yaml`);
    await waitReady(page);
    type V = { vnetsim: { digest(): string; devices(): { absent: string[]; hidden: string[] }; screenOf(id: string): [number, number]; inFlight(): number } };
    const goto = (text: string) => gotoTime(page, text);
    const shown = () => page.evaluate(() => {
      const v = (window as unknown as V).vnetsim;
      return { devices: v.devices(), digest: v.digest() };
    });
    // The bridge's fill (#fde68a) at br100's place, and the orange of a bridge port (#d97706) half way along eth0.100's tie to it.
    const bridgeFill = () => pixelsBetween(page, 'host3/br100', 'host3/br100', 6, [240, 255, 215, 245, 120, 160]);
    const portTie = () => pixelsBetween(page, 'host3/eth0.100', 'host3/br100', 2, [200, 235, 100, 140, 0, 40]);
    // Before 3 s host3 has neither br100 nor eth0.100 (nor the TAP the migration makes at 4 s).
    await goto('2.9s');
    const before = await shown();
    expect(before.devices).toEqual({
      absent: ['host3/br100', 'host3/eth0.100', 'host3/tap0'],
      hidden: ['host3/eth0.100~host3/br100', 'host3/eth0.100~host3/eth0', 'host3/tap0~host3/br100', 'red1/eth0~host3/tap0'],
    });
    expect(await bridgeFill()).toBe(0);
    expect(await portTie()).toBe(0);
    // From 3 s they are drawn, eth0.100 in br100 and on eth0.
    await goto('3s');
    const after = await shown();
    expect(after.devices).toEqual({ absent: ['host3/tap0'], hidden: ['host3/tap0~host3/br100', 'red1/eth0~host3/tap0'] });
    expect(await bridgeFill()).toBeGreaterThan(0);
    expect(await portTie()).toBeGreaterThan(0);
    // From 4 s the TAP the migration makes too, in br100; red1's ARP (amber) crosses its new hop after the resume.
    await goto('4.100006s');
    expect((await shown()).devices).toEqual({ absent: [], hidden: [] });
    expect(await page.evaluate(() => (window as unknown as V).vnetsim.inFlight())).toBeGreaterThan(0);
    expect(await pixelsBetween(page, 'red1/eth0', 'host3/tap0', 3, [221, 255, 131, 179, 0, 59])).toBeGreaterThan(0);
    // Scrubbing away and back to each time shows exactly the same.
    await scrubToTime(page, 6_000_000_000);
    await scrubToTime(page, 3_000_000_000);
    await settleFrames(page);
    expect(await shown()).toEqual(after);
    expect(await bridgeFill()).toBeGreaterThan(0);
    await scrubToTime(page, 2_900_000_000);
    await settleFrames(page);
    expect(await shown()).toEqual(before);
    expect(await bridgeFill()).toBe(0);
    // The event list words the changes; the kind filter keeps them; the node filter finds them under the bridge.
    expect(await rowsOfKind(page, 'netdev', 5)).toEqual([
      '3.000000000 | netdev | host3/eth0.100 | vlan added on host3/eth0',
      '3.000000000 | netdev | host3/br100 | bridge added',
      '3.000000000 | netdev | host3/eth0.100 | enslaved to host3/br100',
      '4.000000000 | netdev | host3/tap0 | tap added',
      '4.000000000 | netdev | host3/tap0 | enslaved to host3/br100',
    ]);
    await page.fill('#f-node', 'host3/br100');
    await page.press('#f-node', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.ev-row').length === 3);
    await page.click('#f-clear');
    // The bridge's Device panel lists its ports at the current time.
    await goto('3.5s');
    await clickDevice(page, 'host3/br100');
    expect(await page.textContent('#panel-device')).toContain('portshost3/eth0.100');
    await goto('5s');
    await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent!.includes('portshost3/eth0.100, host3/tap0'));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it.each([
    ['migrate', 'bad-migrate.ndjson', migrateTrace().lines[2]!.replace('"event":"stopped",', ''),
      'a migrate record needs "at" (the VM), "event": "stopped" or "resumed", "from" (the TAP it leaves) and "to" (the TAP it runs behind after)'],
    ['netdev', 'bad-netdev.ndjson', '{"t":30000000000,"kind":"netdev","at":"host2/vnet1","event":"enslaved","host":"host2","type":"tap"}',
      'a netdev record needs "at" (the device), "host", "event": "added", "removed", "enslaved" or "released", "type": "bridge", "tap", "vlan" or "nic", '
      + 'and "peer" (the bridge) when enslaved or released'],
  ])('refuses a trace file with a malformed %s line, naming the file and the line', async (_, name, line, message) => {
    const { lines } = migrateTrace();
    const s = await serveTrace(name, [lines[0]!, lines[1]!, line]);
    try {
      const page = await open(browser, s.url);
      await page.waitForFunction(() => document.body.dataset.phase === 'error', null, { timeout: 30_000 });
      expect(await page.textContent('#stage-msg')).toBe(`${name}:3: ${message}`);
      await page.close();
    } finally {
      await s.stop();
    }
  }, 30_000);

  it('opens a trace written by vnetsim run --trace', async () => {
    const trace = cliTrace('scenarios/01-one-host-bridge.yaml');
    const s = await serveTrace('one.ndjson', [JSON.stringify(trace.header), ...trace.records.map((r) => JSON.stringify(r))]);
    try {
      const page = await open(browser, s.url);
      await waitReady(page);
      expect(await page.textContent('#status')).toContain('trace file');
      await playToEnd(page);
      expect(await rows(page)).toBe(trace.records.length);
      const texts = await page.$$eval('.ev-row .c-i', (r) => r.map((x) => x.textContent));
      expect(texts.some((t) => t?.startsWith('ping reply'))).toBe(true);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    } finally {
      await s.stop();
    }
  }, 60_000);
});
