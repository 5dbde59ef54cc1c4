/**
 * 802.1Q as Wireshark sees it, in the captures of real runs: scenario 05 (tags 100 and 200 on the
 * trunks, none toward the guests) and the double-tagged frames of scenario 06. Needs `tshark`;
 * without it these tests are skipped and say why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcapCapture } from '../../src/index.js';
import { runText, scenarioPath, scenarioText } from '../acceptance/helpers.js';

const hasTshark = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
const SKIP_REASON = 'skipped: tshark is not installed (CI installs it with `apt-get install tshark`)';
const title = (t: string) => (hasTshark ? t : `${t} [${SKIP_REASON}]`);

let dir = '';
let env: NodeJS.ProcessEnv = {};

/** Runs a scenario with every interface captured into DIR/<scenario>/<interface>.pcap. */
function capture(name: string): string {
  const out = join(dir, name);
  const files = new Map<string, Uint8Array[]>();
  const sink = new PcapCapture(() => true, (iface, bytes) => {
    let list = files.get(iface);
    if (!list) files.set(iface, (list = []));
    list.push(bytes.slice());
  });
  const report = runText(scenarioText(name), scenarioPath(name), {}, [sink]);
  expect(report.passed).toBe(true);
  spawnSync('mkdir', ['-p', out]);
  for (const [iface, chunks] of files) writeFileSync(join(out, `${iface.replace(/[^A-Za-z0-9._-]/g, '_')}.pcap`), Buffer.concat(chunks));
  return out;
}

function tshark(file: string, args: string[]): string {
  const r = spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`tshark -r ${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  expect(r.stderr).not.toMatch(/cut short|damaged|corrupt/i);
  return r.stdout;
}

/** One row per frame: the VLAN ids Wireshark decoded (comma-separated when stacked), and the protocol column. */
function vlanRows(file: string): { vids: string; protocol: string }[] {
  const out = tshark(file, ['-T', 'fields', '-E', 'separator=/t', '-e', 'vlan.id', '-e', '_ws.col.Protocol']);
  return out.trimEnd().split('\n').filter((l) => l !== '').map((l) => {
    const [vids, protocol] = l.split('\t');
    return { vids: vids ?? '', protocol: protocol ?? '' };
  });
}

describe('802.1Q in the captures of the VLAN scenarios', () => {
  let across = '';
  let leakage = '';

  beforeAll(() => {
    if (!hasTshark) return;
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-vlan-pcap-'));
    env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir };
    across = capture('05-vlan-across-hosts.yaml');
    leakage = capture('06-tenant-leakage.yaml');
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasTshark)(title('05: no capture has a malformed frame or an expert error'), () => {
    const files = readdirSync(across).filter((f) => f.endsWith('.pcap'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    // A malformed frame is an expert error too, so one pass per file checks both.
    for (const f of files) expect(tshark(join(across, f), ['-q', '-z', 'expert,error']), f).not.toMatch(/Errors \(/);
  }, 60_000);

  it.skipIf(!hasTshark)(title('05: every frame on a trunk carries one 802.1Q tag, 100 or 200, and the protocol inside decodes'), () => {
    for (const f of ['sw1_p1.pcap', 'sw1_p2.pcap', 'sw1_p3.pcap', 'host1_eth0.pcap']) {
      const rows = vlanRows(join(across, f));
      expect(rows.length, f).toBeGreaterThan(10);
      for (const r of rows) {
        expect(['100', '200'], `${f}: ${JSON.stringify(r)}`).toContain(r.vids);
        expect(['ARP', 'ICMP'], `${f}: ${JSON.stringify(r)}`).toContain(r.protocol);
      }
      const vids = new Set(rows.map((r) => r.vids));
      expect(vids, f).toEqual(new Set(['100', '200']));
    }
  }, 60_000);

  it.skipIf(!hasTshark)(title('05: toward the guests (TAPs, vNICs) nothing is tagged'), () => {
    for (const f of ['host1_tap0.pcap', 'host2_tap1.pcap', 'red1_eth0.pcap', 'green3_eth0.pcap']) {
      const rows = vlanRows(join(across, f));
      expect(rows.length, f).toBeGreaterThan(0);
      for (const r of rows) expect(r.vids, f).toBe('');
    }
  }, 60_000);

  it.skipIf(!hasTshark)(title('06: the double-tagged frame shows both tags, then only the inner one after the native-VLAN trunk'), () => {
    const sent = vlanRows(join(leakage, 'hop1_eth0.pcap')).filter((r) => r.protocol === 'ICMP');
    expect(sent.length).toBe(3);
    for (const r of sent) expect(r.vids).toBe('100,200');
    const onTrunk = vlanRows(join(leakage, 'hop-sw1_p3.pcap')).filter((r) => r.protocol === 'ICMP');
    expect(onTrunk.length).toBe(3);
    for (const r of onTrunk) expect(r.vids).toBe('200');
    const delivered = vlanRows(join(leakage, 'hop-green1_eth0.pcap')).filter((r) => r.protocol === 'ICMP');
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    for (const r of delivered) expect(r.vids).toBe('');
    for (const f of readdirSync(leakage).filter((x) => /^hop/.test(x))) {
      expect(tshark(join(leakage, f), ['-q', '-z', 'expert,error']), f).not.toMatch(/Errors \(/);
    }
  }, 60_000);
});
