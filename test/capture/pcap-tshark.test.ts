/**
 * An outside opinion on our bytes: Wireshark's dissectors read a pcap we wrote. Needs `tshark`
 * (CI installs it with apt); without it these tests are skipped and say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcapFile } from '../../src/capture/pcap.js';
import { makeFrame } from '../../src/wire/ethernet.js';
import { NO_TAGS } from '../../src/wire/ieee8021q.js';
import { BROADCAST_MAC } from '../../src/wire/mac.js';
import { selfAnnounce } from '../../src/wire/rarp.js';
import {
  MAC1, arpReply, arpRequest, echoReply, echoRequest, portUnreachable, stpFrame, svlan, tcnBpdu, tcpSyn, udpFrame, vlan,
} from '../wire/fixtures.js';

const hasTshark = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
const SKIP_REASON = 'skipped: tshark is not installed (CI installs it with `apt-get install tshark`)';
const title = (t: string) => (hasTshark ? t : `${t} [${SKIP_REASON}]`);

const FRAMES = [
  arpRequest(), // 1
  arpReply(), // 2
  echoRequest(1, 56), // 3
  echoReply(1, 56), // 4
  udpFrame(1000), // 5
  echoRequest(2, 56, [vlan(100, 5)]), // 6
  stpFrame(), // 7
  stpFrame(tcnBpdu()), // 8
  tcpSyn(), // 9
  portUnreachable(), // 10
  udpFrame(100, [svlan(200), vlan(100)]), // 11
  makeFrame(0, 0, BROADCAST_MAC, MAC1, NO_TAGS, selfAnnounce(MAC1)), // 12: qemu's self-announce
];

/** Checksum validation is off by default in Wireshark; turn it on so that "good" means verified. */
const CHECK_CHECKSUMS = [
  '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE',
];
const FIELDS = [
  'frame.number', '_ws.col.Protocol', '_ws.col.Info', 'frame.time_epoch', 'eth.src', 'eth.dst', 'ieee8021ad.id', 'vlan.id',
  'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'ip.src', 'ip.dst', 'ip.checksum.status', 'icmp.checksum.status',
  'udp.checksum.status', 'tcp.checksum.status', 'stp.root.hw', 'stp.root.cost', 'stp.port',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

let dir = '';
let file = '';
let env: NodeJS.ProcessEnv = {};

function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-r', file, ...CHECK_CHECKSUMS, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  expect(r.stderr).not.toMatch(/cut short|damaged|corrupt/i);
  return r.stdout;
}

describe('pcap read by tshark', () => {
  let rows: Row[] = [];

  beforeAll(() => {
    if (!hasTshark) return;
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-pcap-'));
    file = join(dir, 'frames.pcap');
    // A fresh HOME so personal Wireshark preferences cannot change columns or dissection.
    env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir };
    writeFileSync(file, pcapFile(FRAMES.map((frame, i) => ({ t: i * 1_000_000_001, frame }))));
    const out = tshark(['-T', 'fields', '-E', 'separator=/t', ...FIELDS.flatMap((f) => ['-e', f])]);
    rows = out.trimEnd().split('\n').map((line) => {
      const cols = line.split('\t');
      return Object.fromEntries(FIELDS.map((f, i) => [f, cols[i] ?? ''])) as Row;
    });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasTshark)(title('reads every frame, none malformed, no expert warnings or errors'), () => {
    expect(rows.map((r) => r['frame.number'])).toEqual(FRAMES.map((_, i) => String(i + 1)));
    expect(tshark(['-Y', '_ws.malformed']).trim()).toBe('');
    const expert = tshark(['-q', '-z', 'expert,warn']);
    expect(expert).not.toMatch(/Errors \(|Warns \(/);
  });

  it.skipIf(!hasTshark)(title('recognises each protocol'), () => {
    expect(rows.map((r) => r['_ws.col.Protocol']))
      .toEqual(['ARP', 'ARP', 'ICMP', 'ICMP', 'UDP', 'ICMP', 'STP', 'STP', 'TCP', 'ICMP', 'UDP', 'RARP']);
  });

  it.skipIf(!hasTshark)(title('nanosecond timestamps'), () => {
    expect(rows[1]!['frame.time_epoch']).toMatch(/^1\.000000001/);
    expect(rows[10]!['frame.time_epoch']).toMatch(/^10\.000000010/);
  });

  it.skipIf(!hasTshark)(title('ARP request and reply with the right addresses'), () => {
    const [req, rep] = rows;
    expect(req!['_ws.col.Info']).toBe('Who has 10.0.0.2? Tell 10.0.0.1');
    expect(req!['eth.dst']).toBe('ff:ff:ff:ff:ff:ff');
    expect(req!['arp.src.proto_ipv4']).toBe('10.0.0.1');
    expect(req!['arp.dst.proto_ipv4']).toBe('10.0.0.2');
    expect(rep!['_ws.col.Info']).toBe('10.0.0.2 is at 52:54:00:00:00:02');
    expect(rep!['eth.src']).toBe('52:54:00:00:00:02');
  });

  it.skipIf(!hasTshark)(title("qemu's self-announce as a RARP reverse request about its own MAC"), () => {
    const r = rows[11]!;
    expect(r['_ws.col.Info']).toBe('Who is 52:54:00:00:00:01? Tell 52:54:00:00:00:01');
    expect([r['eth.src'], r['eth.dst'], r['arp.src.proto_ipv4'], r['arp.dst.proto_ipv4']])
      .toEqual(['52:54:00:00:00:01', 'ff:ff:ff:ff:ff:ff', '0.0.0.0', '0.0.0.0']);
  });

  it.skipIf(!hasTshark)(title('ICMP echo request/reply with good IPv4 and ICMP checksums'), () => {
    for (const i of [2, 3, 5]) {
      const r = rows[i]!;
      expect(r['icmp.checksum.status']).toBe('1');
      expect(r['ip.checksum.status']).toBe('1');
    }
    expect(rows[2]!['_ws.col.Info']).toMatch(/^Echo \(ping\) request\s+id=0x0001, seq=1\/256, ttl=64/);
    expect(rows[3]!['_ws.col.Info']).toMatch(/^Echo \(ping\) reply\s+id=0x0001, seq=1\/256, ttl=64 \(request in 3\)/);
    expect([rows[2]!['ip.src'], rows[2]!['ip.dst']]).toEqual(['10.0.0.1', '10.0.0.2']);
    expect([rows[3]!['ip.src'], rows[3]!['ip.dst']]).toEqual(['10.0.0.2', '10.0.0.1']);
  });

  it.skipIf(!hasTshark)(title('UDP and TCP with good checksums'), () => {
    expect(rows[4]!['_ws.col.Info']).toMatch(/^40000 \S+ 5001 Len=1000$/);
    expect(rows[4]!['udp.checksum.status']).toBe('1');
    expect(rows[8]!['_ws.col.Info']).toMatch(/^43210 \S+ 80 \[SYN\] Seq=0 Win=64240 Len=0$/);
    expect(rows[8]!['tcp.checksum.status']).toBe('1');
  });

  it.skipIf(!hasTshark)(title('802.1Q and 802.1ad tags'), () => {
    expect(rows[5]!['vlan.id']).toBe('100');
    expect(rows[10]!['vlan.id']).toBe('100'); // the C-tag inside the 802.1ad S-tag
    expect(rows[10]!['udp.checksum.status']).toBe('1');
    expect(rows[10]!['ieee8021ad.id']).toBe('200'); // the S-tag
    expect(rows[5]!['ieee8021ad.id']).toBe('');
  });

  it.skipIf(!hasTshark)(title('STP configuration and TCN BPDUs'), () => {
    expect(rows[6]!['_ws.col.Info']).toMatch(/^Conf\. Root = 32768\/0\/aa:bb:cc:dd:ee:01\s+Cost = 4\s+Port = 0x8001$/);
    expect(rows[6]!['stp.root.hw']).toBe('aa:bb:cc:dd:ee:01');
    expect(rows[6]!['stp.root.cost']).toBe('4');
    expect(rows[6]!['stp.port']).toBe('0x8001');
    expect(rows[7]!['_ws.col.Info']).toBe('Topology Change Notification');
  });

  it.skipIf(!hasTshark)(title('ICMP port unreachable quoting the UDP datagram'), () => {
    const r = rows[9]!;
    expect(r['_ws.col.Info']).toMatch(/^Destination unreachable \(Port unreachable\)/);
    expect(r['icmp.checksum.status']).toBe('1');
    expect(r['ip.checksum.status']).toBe('1,1'); // outer and quoted IPv4 headers
    expect(r['ip.src'].split(',')).toEqual(['10.0.0.2', '10.0.0.1']);
  });
});
