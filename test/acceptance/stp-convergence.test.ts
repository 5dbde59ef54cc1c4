/**
 * Issue 3 acceptance for spanning tree: the looped network of the storm scenario with STP on
 * converges in the time the 802.1D timers imply (2 x forward delay, read from the scenario, not
 * hard-coded), does not storm, and its pcaps decode as Spanning Tree Protocol with no malformed
 * frame (tshark, skipped when absent).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapCapture, runSimulation, type Report } from '../../src/index.js';
import { prepare, runText, scenarioText } from './helpers.js';

const FILE = '07-broadcast-storm-stp.yaml';
const PATH = `scenarios/${FILE}`;
const TEXT = scenarioText(FILE);

/** The scenario with every spanning tree's forward delay set to `seconds`, and the traffic moved after it. */
function withForwardDelay(seconds: number): string {
  const settle = 2 * seconds + 5;
  return TEXT
    .replace(/stp: \{ priority: (\d+) \}/g, `stp: { priority: $1, forwardDelay: ${seconds}s }`)
    .replace(/stp: true/g, `stp: { forwardDelay: ${seconds}s }`)
    .replace(/- brctl stp br0 on/g, `- brctl stp br0 on\n      - brctl setfd br0 ${seconds}`)
    .replace(/at: 35s/, `at: ${settle}s`)
    .replace(/start: 36s/, `start: ${settle + 1}s`)
    .replace(/duration: 40s/, `duration: ${settle + 5}s`);
}

function stpOf(r: Report) {
  expect(r.stp).not.toBeNull();
  return r.stp!;
}

describe('broadcast-storm-stp converges in 2 x forward delay', () => {
  it('with the defaults (15 s): the scenario passes and converges in 2 x the forward delay the scenario uses', () => {
    const sim = prepare(TEXT, PATH);
    const root = sim.doc.switches.find((s) => s.stp !== null && s.stp.priority === Math.min(...sim.doc.switches.map((x) => x.stp?.priority ?? Infinity)))!;
    const fd = root.stp!.forwardDelay;
    const hello = root.stp!.helloTime;
    const r = runSimulation(sim, PATH);
    expect(r.passed).toBe(true);
    const stp = stpOf(r);
    expect(stp.roots).toEqual([{ id: expect.stringMatching(/^1000\./), name: 'sw1' }]);
    expect(stp.convergenceNs).toBeGreaterThanOrEqual(2 * fd);
    expect(stp.convergenceNs).toBeLessThanOrEqual(2 * fd + hello);
    expect(r.frames.dropsByReason['queue-full'] ?? 0).toBe(0);
    const blocked = stp.bridges.flatMap((b) => b.ports.filter((p) => p.state === 'blocking').map((p) => p.name));
    expect(blocked).toEqual(['sw2/p4', 'sw3/p1']);
  });

  it('with a 4 s forward delay everywhere it converges in 8 s, the same formula', () => {
    const text = withForwardDelay(4);
    const sim = prepare(text, PATH);
    const fd = sim.doc.switches[0]!.stp!.forwardDelay;
    expect(fd).toBe(4e9);
    const r = runSimulation(sim, PATH);
    expect(r.passed).toBe(true);
    const stp = stpOf(r);
    expect(stp.convergenceNs).toBeGreaterThanOrEqual(2 * fd);
    expect(stp.convergenceNs).toBeLessThanOrEqual(2 * fd + 2e9);
    for (const b of stp.bridges) expect(b.forwardDelay).toBe(fd);
  });

  it('with STP off the same network storms (the twin, scenario 03)', () => {
    const text = TEXT.replace(/, stp: \{ priority: \d+ \}/g, '').replace(/, stp: true/g, '').replace(/ {6}- brctl stp br0 on\n/g, '')
      .replace(/at: 35s/, 'at: 1ms').replace(/start: 36s/, 'start: 40ms').replace(/duration: 40s/, 'duration: 50ms');
    const r = runText(text, PATH);
    expect(r.stp).toBeNull();
    expect(r.frames.dropsByReason['queue-full'] ?? 0).toBeGreaterThan(100);
  });
});

const hasTshark = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
const SKIP = 'skipped: tshark is not installed (CI installs it with `apt-get install tshark`)';

describe('pcaps of broadcast-storm-stp read by tshark', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasTshark)(hasTshark ? 'decodes the BPDUs as Spanning Tree Protocol, none malformed' : `decodes BPDUs [${SKIP}]`, () => {
    dir = mkdtempSync(join(tmpdir(), 'vnetsim-stp-'));
    const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir };
    const chunks = new Map<string, Uint8Array[]>();
    const capture = new PcapCapture(() => true, (name, bytes) => {
      const list = chunks.get(name) ?? [];
      list.push(bytes.slice());
      chunks.set(name, list);
    });
    const r = runSimulation(prepare(TEXT, PATH), PATH, { sinks: [capture] });
    expect(r.passed).toBe(true);
    // the root's uplink (configuration BPDUs), sw3's root port (relayed ones and a TCN), a host's NIC and a VM's TAP
    for (const name of ['sw2/p1', 'sw3/p2', 'host1/eth0', 'host1/tap0']) {
      const file = join(dir, `${name.replace('/', '_')}.pcap`);
      writeFileSync(file, Buffer.concat(chunks.get(name)!));
      const tshark = (args: string[]) => {
        const out = spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8', env, timeout: 60_000 });
        expect(out.status, out.stderr).toBe(0);
        return out.stdout;
      };
      expect(tshark(['-Y', '_ws.malformed']).trim(), `${name}: malformed frames`).toBe('');
      const verbose = tshark(['-V', '-Y', 'stp']);
      expect(verbose, name).toContain('Spanning Tree Protocol');
      expect(verbose).toContain('Protocol Version Identifier: Spanning Tree (0)');
      expect(verbose).not.toMatch(/Malformed|Exception/);
      const types = tshark(['-Y', 'stp', '-T', 'fields', '-e', 'stp.type']).trim().split('\n');
      expect(types.length, name).toBeGreaterThan(5);
      expect(types.every((t) => t === '0x00' || t === '0x80'), `${name}: ${types.join(',')}`).toBe(true);
    }
  }, 60_000);
});
