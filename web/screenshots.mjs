// Takes the screenshots in docs/screenshots/ with the system Chromium: `node web/screenshots.mjs`
// (after `npm run build`). Each shows one built-in scenario at a moment worth explaining.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, [join(root, 'bin/vnetsim.js'), 'view', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => { text += d; const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(text); if (m) resolve(m[1]); });
  server.once('exit', (c) => reject(new Error(`view server exited ${c}`)));
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function load(file) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 940 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}#builtin=${file}`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
  return page;
}
const seekTo = (page, ns) => page.evaluate((t) => window.vnetsim.app.seek(t), ns);
const clickNode = async (page, id) => {
  const [x, y] = await page.evaluate((n) => window.vnetsim.screenOf(n), id);
  const b = await (await page.$('#topo')).boundingBox();
  await page.mouse.click(b.x + x, b.y + y);
};
const recordWhere = (page, test) => page.evaluate((src) => {
  const s = window.vnetsim.app.data.store;
  const f = new Function('s', 'i', `return ${src};`);
  for (let i = 0; i < s.n; i++) if (f(s, i)) return i;
  return -1;
}, test);

/** Loads a built-in scenario, puts the page in the state `pose` sets up, and takes the screenshot. */
async function shot(file, png, pose) {
  const page = await load(file);
  await pose(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, png) });
  await page.close();
}

// 1. One host, one bridge: the first echo request on its way, its layers and path.
await shot('01-one-host-bridge.yaml', 'one-host-bridge.png', async (page) => {
  const i = await recordWhere(page, "s.kind[i] === 1 && s.frameDesc(s.frame[i]).includes('echo request') && s.strings[s.at[i]] === 'host1/tap1'");
  const t = await page.evaluate((k) => { const s = window.vnetsim.app.data.store; return (s.t[k] + s.arrive[k]) / 2; }, i);
  await seekTo(page, t);
  await page.evaluate((k) => window.vnetsim.app.selectRecord(k), i);
  await page.waitForSelector('#panel-frame.active .layer[data-layer="ICMP"]');
});
// 2. Bridged data centre: all-pairs pings under way; sw1's MAC table.
await shot('02-bridged-datacenter.yaml', 'bridged-datacenter.png', async (page) => {
  const i = await recordWhere(page, "s.t[i] > 1200000000 && s.kind[i] === 1 && s.strings[s.at[i]].startsWith('sw1/')");
  const t = await page.evaluate((k) => { const s = window.vnetsim.app.data.store; return s.t[k] + (s.arrive[k] - s.t[k]) * 0.55; }, i);
  await seekTo(page, t);
  await clickNode(page, 'sw1');
  await page.waitForSelector('#panel-device.active table.grid');
});
// 3. The broadcast storm, 5 ms in: every ring link busy, queues dropping, the chart risen.
await shot('03-broadcast-storm.yaml', 'broadcast-storm.png', async (page) => {
  await page.$eval('#speed', (el) => { el.value = '4'; el.dispatchEvent(new Event('input')); });
  await seekTo(page, 104_990_000);
  await page.click('#btn-play');
  await page.waitForTimeout(450);
  await page.click('#btn-play');
});
// 4. Spanning tree failover, 60 s in: the sw1-sw2 cable pulled, the tree not yet healed; the
// event list shows only what the spanning tree and the cable did.
await shot('12-stp-failover.yaml', 'stp-failover.png', async (page) => {
  const i = await recordWhere(page, "s.strings[s.at[i]] === 'sw1/p1<->sw2/p1'");
  await seekTo(page, 60_000_000_000);
  await page.click('#f-kinds button[data-v="cable"]');
  await page.click('#f-kinds button[data-v="stp"]');
  await page.evaluate((k) => window.vnetsim.app.selectRecord(k), i);
});
// 5. Live migration, 50 ms into the downtime: vm1 paused on host1, on its way to host2.
await shot('11-vm-migration.yaml', 'vm-migration.png', async (page) => {
  const i = await recordWhere(page, "s.strings[s.at[i]] === 'vm1' && s.t[i] === 2000000000");
  await seekTo(page, 2_050_000_000);
  await page.evaluate((k) => window.vnetsim.app.selectRecord(k), i);
});
await browser.close();
server.kill('SIGTERM');
console.log(`screenshots written to ${out}`);
