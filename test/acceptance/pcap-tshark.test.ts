/**
 * Foundation acceptance 5: Wireshark reads every pcap that `vnetsim run --pcap DIR` writes for
 * scenarios 01 and 02, finds no malformed frame and no expert warning, and sees ARP and ICMP echo
 * request/reply pairs with the addresses the scenario files give. Needs tshark, capinfos and
 * mergecap (the tshark package; CI installs it); without them these tests are skipped and say why.
 *
 * Speed: starting tshark costs ~0.25 s and 02 writes 40 files, so the files are checked in three
 * processes rather than 44: capinfos reads every file's structure (format, link type, timestamp
 * precision, frame count, time order), mergecap concatenates them unchanged (reading each with the
 * same library tshark uses), and one tshark run dissects the concatenation; each frame is mapped
 * back to its file through the frame counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatMac, parseDuration, topologyOf, type Report } from '../../src/index.js';
import { cli, ensureBuilt, prepare, scenarioPath, scenarioText } from './helpers.js';

const TOOLS = ['tshark', 'capinfos', 'mergecap'];
const missing = TOOLS.filter((t) => spawnSync(t, ['-v'], { stdio: 'ignore' }).status !== 0);
const HAVE_TSHARK = missing.length === 0;
const SKIP = `skipped: ${missing.join(', ')} not installed (CI installs them with \`apt-get install tshark\`)`;
const title = (t: string) => (HAVE_TSHARK ? t : `${t} [${SKIP}]`);

const SCENARIOS = ['01-one-host-bridge.yaml', '02-bridged-datacenter.yaml'];
const BROADCAST = 'ff:ff:ff:ff:ff:ff';

const FIELDS = [
  'frame.number', 'frame.time_epoch', 'frame.protocols', '_ws.malformed', '_ws.expert.severity', '_ws.expert.message',
  'eth.src', 'eth.dst', 'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4',
  'ip.src', 'ip.dst', 'ip.checksum.status', 'icmp.type', 'icmp.ident', 'icmp.seq', 'icmp.checksum.status', 'icmp.resp_to',
] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string> & { file: string; n: number };

interface Capture {
  /** pcap file name → its frames, in file order. */
  readonly files: Map<string, Row[]>;
  /** capinfos' table, one record per file. */
  readonly info: Map<string, Record<string, string>>;
  /** Every frame by its number in the concatenation. */
  readonly byNumber: Map<string, Row>;
  readonly report: Report;
}

/** A VM as the scenario file describes it, with the MAC the simulator gave its NIC. */
interface VmAddr {
  readonly name: string;
  readonly host: string;
  readonly tap: string;
  readonly ip: string;
  readonly mac: string;
}

let dir = '';
let env: NodeJS.ProcessEnv = {};
const captures = new Map<string, Capture>();

function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 28, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  expect(r.stderr.replace(/^Running as user "root".*\n/m, '')).not.toMatch(/cut short|damaged|corrupt|appears to be|isn't|error/i);
  return r.stdout;
}

function table(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split('\n');
  const cols = head!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i]!, v])));
}

async function capture(name: string): Promise<Capture> {
  const out = join(dir, name.replace(/\.yaml$/, ''));
  const run = await cli(['run', scenarioPath(name), '--json', '--pcap', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  const names = readdirSync(out).filter((f) => f.endsWith('.pcap')).sort();
  const paths = names.map((f) => join(out, f));
  const info = new Map(table(tool('capinfos', ['-T', '-M', ...paths])).map((r) => [r['File name']!.slice(out.length + 1), r]));
  const merged = join(out, 'all.pcapng');
  tool('mergecap', ['-a', '-w', merged, ...paths]);
  const text = tool('tshark', ['-n', '-r', merged, '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a',
    ...FIELDS.flatMap((f) => ['-e', f])]);
  const all = text.trimEnd().split('\n').map((line) => {
    const cols = line.split('\t');
    return Object.fromEntries(FIELDS.map((f, i) => [f, cols[i] ?? ''])) as Record<Field, string>;
  });
  const files = new Map<string, Row[]>();
  let at = 0;
  for (const f of names) {
    const count = Number(info.get(f)!['Number of packets']);
    files.set(f, all.slice(at, at + count).map((r, i) => ({ ...r, file: f, n: i + 1 })));
    at += count;
  }
  expect(at, 'every dissected frame belongs to a file').toBe(all.length);
  const byNumber = new Map([...files.values()].flat().map((r) => [r['frame.number'], r]));
  return { files, info, byNumber, report };
}

/** The VMs of a scenario file: names, TAPs and addresses read from the file, MACs from the built network. */
function vmsOf(name: string): VmAddr[] {
  const text = scenarioText(name);
  const doc = parse(text) as { hosts: { name: string; vms?: { name: string; tap?: string; ip: string }[] }[] };
  const macs = new Map(topologyOf(prepare(text, scenarioPath(name))).nodes.map((n) => [n.id, n.mac]));
  return doc.hosts.flatMap((h) => (h.vms ?? []).map((v, i) => ({
    name: v.name, host: h.name, tap: v.tap ?? `tap${i}`, ip: v.ip.split('/')[0]!, mac: formatMac(macs.get(`${v.name}/eth0`)!),
  })));
}

/** pcap file names are interface names with "/" made safe: vm1/eth0 -> vm1_eth0.pcap. */
const pcapName = (iface: string) => `${iface.replace(/[^A-Za-z0-9._-]/g, '_')}.pcap`;

function rowsOf(c: Capture, file: string): Row[] {
  const rows = c.files.get(file);
  expect(rows, `${file} was written`).toBeDefined();
  return rows!;
}

const isArp = (r: Row) => r['arp.opcode'] !== '';
const isEcho = (r: Row, type: '8' | '0') => r['icmp.type'] === type;

describe('pcap files read by tshark', () => {
  beforeAll(async () => {
    if (!HAVE_TSHARK) return;
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-acceptance-pcap-'));
    // A fresh HOME so personal Wireshark preferences cannot change dissection.
    env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir };
    const done = await Promise.all(SCENARIOS.map(async (s) => [s, await capture(s)] as const));
    for (const [s, c] of done) captures.set(s, c);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(SCENARIOS)('%s', (name) => {
    test.skipIf(!HAVE_TSHARK)(title('one pcap per interface that carried frames: every VM NIC, TAP and cabled port'), () => {
      const c = captures.get(name)!;
      const doc = parse(scenarioText(name)) as { links?: { a: string; b: string }[] };
      const expected = new Set<string>();
      for (const v of vmsOf(name)) expected.add(pcapName(`${v.name}/eth0`)).add(pcapName(`${v.host}/${v.tap}`));
      for (const l of doc.links ?? []) expected.add(pcapName(l.a)).add(pcapName(l.b));
      expect([...c.files.keys()].sort()).toStrictEqual([...expected].sort());
    });

    test.skipIf(!HAVE_TSHARK)(title('classic nanosecond pcap, Ethernet, frames in time order'), () => {
      const c = captures.get(name)!;
      for (const [file, i] of c.info) {
        expect([file, i['File type'], i['File encapsulation'], i['File time precision'], i['Strict time order']])
          .toStrictEqual([file, 'nsecpcap', 'ether', 'nanoseconds', 'True']);
        expect(Number(i['Number of packets']), file).toBeGreaterThan(0);
        expect(Number(readFileSync(join(dir, name.replace(/\.yaml$/, ''), file)).length)).toBe(Number(i['File size (bytes)']));
      }
    });

    test.skipIf(!HAVE_TSHARK)(title('no malformed frame, no expert warning or error, every checksum good'), () => {
      const c = captures.get(name)!;
      for (const rows of c.files.values()) {
        for (const r of rows) {
          const where = `${r.file} frame ${r.n} (${r['frame.protocols']})`;
          expect(r['_ws.malformed'], where).toBe('');
          // Warnings are 0x600000 and errors 0x800000; notes and chats are fine.
          const severe = r['_ws.expert.severity'].split(',').filter((s) => s !== '' && Number(s) >= 0x600000);
          expect(severe, `${where}: ${r['_ws.expert.message']}`).toStrictEqual([]);
          expect(r['frame.protocols'], where).toMatch(/^eth:ethertype:(arp|ip:icmp:data)$/);
          if (r['ip.src'] !== '') expect([r['ip.checksum.status'], r['icmp.checksum.status']], where).toStrictEqual(['1', '1']);
        }
      }
    });

    test.skipIf(!HAVE_TSHARK)(title('every ARP and IPv4 frame carries the MAC of the VM that owns the address'), () => {
      const c = captures.get(name)!;
      const macOf = new Map(vmsOf(name).map((v) => [v.ip, v.mac]));
      for (const rows of c.files.values()) {
        for (const r of rows) {
          const where = `${r.file} frame ${r.n}`;
          if (isArp(r)) {
            expect(r['arp.src.hw_mac'], `${where}: ARP sender`).toBe(macOf.get(r['arp.src.proto_ipv4']));
            expect(r['eth.src'], where).toBe(r['arp.src.hw_mac']);
            if (r['arp.opcode'] === '1') {
              // Broadcast, or unicast to the address's owner: Linux's probe of a neighbour it knows (PROBE state).
              expect([BROADCAST, macOf.get(r['arp.dst.proto_ipv4'])], `${where}: a request is broadcast or a probe of the owner`).toContain(r['eth.dst']);
            } else {
              expect(r['arp.opcode'], where).toBe('2');
              expect([r['eth.dst'], r['arp.dst.hw_mac']], `${where}: a reply goes to the asker`).toStrictEqual([macOf.get(r['arp.dst.proto_ipv4']), macOf.get(r['arp.dst.proto_ipv4'])]);
            }
          } else {
            expect(r['eth.src'], `${where}: source`).toBe(macOf.get(r['ip.src']));
            expect(r['eth.dst'], `${where}: destination`).toBe(macOf.get(r['ip.dst']));
          }
        }
      }
    });

    test.skipIf(!HAVE_TSHARK)(title('on each pinging VM\'s NIC and TAP: an echo reply for every request, same id and seq'), () => {
      const c = captures.get(name)!;
      const vms = vmsOf(name);
      const byName = new Map(vms.map((v) => [v.name, v]));
      const ipOf = new Map(vms.map((v) => [v.name, v.ip]));
      expect(c.report.pings.length).toBeGreaterThan(0);
      for (const from of new Set(c.report.pings.map((p) => p.from))) {
        const vm = byName.get(from)!;
        const mine = c.report.pings.filter((p) => p.from === from);
        for (const file of [pcapName(`${vm.name}/eth0`), pcapName(`${vm.host}/${vm.tap}`)]) {
          const rows = rowsOf(c, file);
          const requests = rows.filter((r) => isEcho(r, '8') && r['ip.src'] === vm.ip);
          const replies = rows.filter((r) => isEcho(r, '0') && r['ip.dst'] === vm.ip);
          // Every pair the report lists shows up with as many requests as it sent.
          for (const p of mine) {
            const to = ipOf.get(p.to) ?? p.dst;
            expect(requests.filter((r) => r['ip.dst'] === to).length, `${file}: requests ${from} -> ${p.to}`).toBe(p.sent);
            expect(replies.filter((r) => r['ip.src'] === to).length, `${file}: replies ${p.to} -> ${from}`).toBe(p.received);
          }
          const key = (r: Row, peer: string) => `${r[peer as Field]} id=${r['icmp.ident']} seq=${r['icmp.seq']}`;
          expect(replies.map((r) => key(r, 'ip.src')).sort(), file).toStrictEqual(requests.map((r) => key(r, 'ip.dst')).sort());
          // tshark's own pairing agrees (in the concatenation it may pick the same request as seen in
          // another file, so look it up by its number there).
          for (const r of replies) {
            const req = c.byNumber.get(r['icmp.resp_to']);
            expect(req && key(req, 'ip.dst'), `${file} frame ${r.n}: tshark pairs the reply with a request`).toBe(key(r, 'ip.src'));
          }
        }
      }
    });
  });

  test.skipIf(!HAVE_TSHARK)(title('01: vm1 asks who-has vm2, vm2 answers with its MAC, three echo pairs at the scheduled times'), () => {
    const name = '01-one-host-bridge.yaml';
    const c = captures.get(name)!;
    const doc = parse(scenarioText(name)) as { traffic: { ping: { from: string; to: string; count: number; interval: string; start: string } }[] };
    const ping = doc.traffic.find((t) => t.ping)!.ping;
    const vms = new Map(vmsOf(name).map((v) => [v.name, v]));
    const a = vms.get(ping.from)!;
    const b = vms.get(ping.to)!;
    const start = parseDuration(ping.start)!;
    const interval = parseDuration(ping.interval)!;
    const seconds = (ns: number) => (ns / 1e9).toFixed(9);

    // The asker's NIC sees the whole exchange; its TAP and the answerer's NIC and TAP see the same frames.
    for (const file of [pcapName(`${a.name}/eth0`), pcapName(`${a.host}/${a.tap}`), pcapName(`${b.name}/eth0`), pcapName(`${b.host}/${b.tap}`)]) {
      const rows = rowsOf(c, file);
      const arp = rows.filter(isArp);
      expect(arp.map((r) => [r['arp.opcode'], r['eth.src'], r['eth.dst'], r['arp.src.hw_mac'], r['arp.src.proto_ipv4'], r['arp.dst.proto_ipv4']]), file).toStrictEqual([
        ['1', a.mac, BROADCAST, a.mac, a.ip, b.ip],
        ['2', b.mac, a.mac, b.mac, b.ip, a.ip],
      ]);
      const echo = rows.filter((r) => !isArp(r));
      expect(echo.map((r) => [r['icmp.type'], r['ip.src'], r['ip.dst'], r['icmp.seq']]), file).toStrictEqual(
        Array.from({ length: ping.count }, (_, i) => [['8', a.ip, b.ip, String(i + 1)], ['0', b.ip, a.ip, String(i + 1)]]).flat(),
      );
      expect(new Set(echo.map((r) => r['icmp.ident'])).size, `${file}: one ping, one id`).toBe(1);
    }

    // On the asker's NIC: the ARP request leaves at the ping's start, and echo requests 2..count leave
    // one interval apart (the first waits for the ARP reply).
    const rows = rowsOf(c, pcapName(`${a.name}/eth0`));
    expect(rows[0]!['frame.time_epoch']).toBe(seconds(start));
    const requests = rows.filter((r) => isEcho(r, '8'));
    for (let k = 1; k < ping.count; k++) expect(requests[k]!['frame.time_epoch']).toBe(seconds(start + k * interval));
  });

  test.skipIf(!HAVE_TSHARK)(title('02: every VM\'s NIC shows its echo exchange with each of the other VMs'), () => {
    const name = '02-bridged-datacenter.yaml';
    const c = captures.get(name)!;
    const vms = vmsOf(name);
    expect(c.report.pings.length).toBe(vms.length * (vms.length - 1));
    for (const v of vms) {
      const rows = rowsOf(c, pcapName(`${v.name}/eth0`));
      const others = vms.filter((o) => o !== v).map((o) => o.ip).sort();
      expect(rows.filter((r) => isEcho(r, '8') && r['ip.src'] === v.ip).map((r) => r['ip.dst']).sort(), `${v.name} sends`).toStrictEqual(others);
      expect(rows.filter((r) => isEcho(r, '0') && r['ip.dst'] === v.ip).map((r) => r['ip.src']).sort(), `${v.name} is answered`).toStrictEqual(others);
      expect(rows.filter((r) => isEcho(r, '8') && r['ip.dst'] === v.ip).map((r) => r['ip.src']).sort(), `${v.name} is asked`).toStrictEqual(others);
    }
  });
});
