/**
 * The visualizer in the system Chromium, on a network that changes during the run: a cable
 * unplugged and plugged back in is listed in words and drawn unplugged exactly in between; a VM
 * live-migrated between hosts is listed in words and drawn where it runs, the same however time
 * got there; a bridge and a VLAN sub-interface a timeline adds are drawn, with their ties, only
 * from when they are added (and listed in words); a malformed migrate or netdev line in a trace
 * file is refused with its file and line.
 */
import { describe, expect, it } from 'vitest';
import { cableTrace, migrateTrace, NIC_CABLE, SW_CABLE } from './helpers.js';
import { clickDevice, eventRows, gotoTime, open, pageErrors, pixelsBetween, rowsOfKind, scrubToTime, serveTrace, setSpeed, settleFrames, waitReady, withBrowser } from './page.js';
import { HAVE_CHROMIUM } from './serve.js';

describe.skipIf(!HAVE_CHROMIUM)('visualizer in Chromium, a network that changes', () => {
  const env = withBrowser();

  it('lists a cable unplugged and plugged back in, and draws it unplugged in between, stepping or scrubbing', async () => {
    const { lines } = cableTrace();
    const times = lines.slice(1).map((l) => (JSON.parse(l) as { t: number }).t);
    const s = await serveTrace('cable.ndjson', lines);
    try {
      const page = await open(env.browser, s.url);
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
      await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent.includes('to sw1/p2: plugged in'));
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('follows a VM live-migrated between hosts: listed, drawn where it runs, the same by stepping, playing or scrubbing', async () => {
    const page = await open(env.browser, `${env.plain.url}#builtin=11-vm-migration.yaml`);
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
    await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent.includes('runs onhost1, behind host1/vnet1'));
    await goto('3s');
    await click('host2/vnet1');
    expect(await page.textContent('#panel-device')).toContain('vm1 since 2.1 s (live-migrated from host1/vnet1)');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 90_000);


  it('draws the devices a timeline adds from the moment they are added, with their ties, the same by scrubbing back', async () => {
    const page = await open(env.browser, `${env.plain.url}#builtin=13-vlan-limits.yaml`);
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
    await page.waitForFunction(() => document.querySelector('#panel-device')!.textContent.includes('portshost3/eth0.100, host3/tap0'));
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
      const page = await open(env.browser, s.url);
      await page.waitForFunction(() => document.body.dataset.phase === 'error', null, { timeout: 30_000 });
      expect(await page.textContent('#stage-msg')).toBe(`${name}:3: ${message}`);
      await page.close();
    } finally {
      await s.stop();
    }
  }, 30_000);
});
