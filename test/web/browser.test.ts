/**
 * The visualizer in the system Chromium, against the real `vnetsim view` server: every built-in
 * scenario loads and plays to its end; the step and scrub controls land where the CLI's trace
 * says; scrubbing to T shows the same state as playing to T; the storm shows frames moving and
 * the frames-per-second chart rising; schema errors show with line and path; hostile names are
 * shown as text; a trace file written by `vnetsim run --trace` loads. (A network that changes
 * during the run: browser-changes.test.ts.)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, currentRow, open, pageErrors, playToEnd, rows, secondsText, serveTrace, setSpeed, waitReady, withBrowser } from './page.js';
import { ROOT, scenarioText } from './helpers.js';
import { cliTrace, cliTraceSummary, HAVE_CHROMIUM, NO_CHROMIUM_REASON, serve, type Served } from './serve.js';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const BUILTINS = readdirSync(join(ROOT, 'scenarios')).filter((f) => /\.ya?ml$/.test(f)).sort();

describe.skipIf(!HAVE_CHROMIUM)('visualizer in Chromium', () => {
  const env = withBrowser();

  it('loads every built-in scenario and plays it to the end', async () => {
    const page = await open(env.browser, env.plain.url);
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
        await page.waitForFunction(() => document.querySelector('#events-foot')!.textContent.includes('(filtered)'));
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
    const page = await open(env.browser, `${env.plain.url}#builtin=01-one-host-bridge.yaml`);
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
    const page = await open(env.browser, `${env.plain.url}#builtin=02-bridged-datacenter.yaml`);
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
      const page = await open(env.browser, storm.url);
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
      // Saturated, ten cable directions each carry 14,880 frames/s (60-byte frames on 10 Mb/s:
      // (8 + 60 + 4 + 12) x 8 = 67.2 us each); the chart is past half of that, still rising or there.
      expect(c.fps).toBeGreaterThan((10 * 14_880) / 2);
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
    const page = await open(env.browser, env.plain.url);
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
    const page = await open(env.browser, env.plain.url);
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
    const page = await open(env.browser, env.plain.url);
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

  it('opens a trace written by vnetsim run --trace', async () => {
    const trace = cliTrace('scenarios/01-one-host-bridge.yaml');
    const s = await serveTrace('one.ndjson', [JSON.stringify(trace.header), ...trace.records.map((r) => JSON.stringify(r))]);
    try {
      const page = await open(env.browser, s.url);
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
