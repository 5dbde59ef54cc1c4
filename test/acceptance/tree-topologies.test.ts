/**
 * Foundation acceptance 3 (property): on any TREE of Linux bridges and physical switches, every VM
 * reaches every other VM, frames are conserved, and the run repeats exactly.
 *
 * A tree node is either a host (br0 enslaves one physical NIC per cable plus its VMs' TAPs, so a
 * host can be a leaf or an inner bridge of the tree) or a switch (one port per cable, plus spare
 * ports). Each scenario is written as YAML text and goes through the real loader, like a file.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Report } from '../../src/index.js';
import { runText, withoutWall } from './helpers.js';

/** Fixed, so a failure reproduces; fast-check prints the counterexample and the seed/path. */
const FC_SEED = 20_240_611;
const NUM_RUNS = 40;

interface LinkSpec {
  readonly rate: string;
  readonly delayUs: number;
}

interface TreeSpec {
  /** Node kinds; node 0 is the root. */
  readonly kinds: readonly ('host' | 'switch')[];
  /** parents[i] < i is node i's parent (parents[0] is unused). */
  readonly parents: readonly number[];
  /** VMs per node (only hosts have any). */
  readonly vms: readonly number[];
  /** The cable from node i to its parent (links[0] is unused). */
  readonly links: readonly LinkSpec[];
  /** Per host: configure with `ip link` instead of `brctl`. */
  readonly ipStyle: readonly boolean[];
  /** Per switch: unused ports beyond the cabled ones. */
  readonly spare: readonly number[];
  readonly stagger: string;
  readonly seed: number;
}

const MIN_VMS = 2;
const MAX_VMS = 12;

const linkArb: fc.Arbitrary<LinkSpec> = fc.record({
  rate: fc.constantFrom('10Mbps', '100Mbps', '1Gbps', '2.5Gbps', '10Gbps', '40Gbps'),
  delayUs: fc.integer({ min: 0, max: 2000 }),
});

/** At least one host, 2..12 VMs in all (spread over the hosts as drawn, then topped up or trimmed). */
function normalize(s: TreeSpec): TreeSpec {
  const kinds = [...s.kinds];
  if (!kinds.includes('host')) kinds[0] = 'host';
  const vms = kinds.map((k, i) => (k === 'host' ? s.vms[i]! : 0));
  const hosts = kinds.flatMap((k, i) => (k === 'host' ? [i] : []));
  let total = vms.reduce((a, b) => a + b, 0);
  for (let j = 0; total < MIN_VMS; j++, total++) vms[hosts[j % hosts.length]!]!++;
  for (let j = hosts.length - 1; total > MAX_VMS; j = (j + hosts.length - 1) % hosts.length) {
    if (vms[hosts[j]!]! > 0) { vms[hosts[j]!]!--; total--; }
  }
  return { ...s, kinds, vms };
}

const treeArb: fc.Arbitrary<TreeSpec> = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const each = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
  return fc.record({
    kinds: each(fc.constantFrom<'host' | 'switch'>('host', 'switch')),
    parents: fc.tuple(...Array.from({ length: n }, (_, i) => fc.integer({ min: 0, max: Math.max(0, i - 1) }))),
    vms: each(fc.integer({ min: 0, max: 4 })),
    links: each(linkArb),
    ipStyle: each(fc.boolean()),
    spare: each(fc.integer({ min: 0, max: 2 })),
    stagger: fc.constantFrom('0s', '50us', '1ms'),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });
}).map(normalize);

/** The scenario file for a tree, in the style of scenarios/*.yaml. */
function treeScenario(s: TreeSpec): { text: string; vmCount: number } {
  const n = s.kinds.length;
  const names: string[] = [];
  let hostNo = 0;
  let switchNo = 0;
  for (const k of s.kinds) names.push(k === 'host' ? `host${++hostNo}` : `sw${++switchNo}`);
  // Each cable takes the next NIC of a host or the next port of a switch, at both ends.
  const ends: string[][] = Array.from({ length: n }, () => []);
  const endOf = (i: number) => {
    const k = ends[i]!.length;
    const end = s.kinds[i] === 'host' ? `eth${k}` : `p${k + 1}`;
    ends[i]!.push(end);
    return `${names[i]}/${end}`;
  };
  const links: string[] = [];
  for (let i = 1; i < n; i++) {
    const l = s.links[i]!;
    links.push(`  - { a: ${endOf(i)}, b: ${endOf(s.parents[i]!)}, rate: ${l.rate}, delay: ${l.delayUs}us }`);
  }
  const out: string[] = [
    `name: tree-${n}`,
    'description: A generated tree of Linux bridges and switches; every VM pings every other VM once.',
    `seed: ${s.seed}`,
    'duration: 3s',
    '',
    'switches:',
  ];
  const switches = s.kinds.flatMap((k, i) => (k === 'switch' ? [i] : []));
  if (switches.length === 0) out[out.length - 1] += ' []';
  for (const i of switches) out.push(`  - { name: ${names[i]}, ports: ${ends[i]!.length + s.spare[i]!} }`);
  out.push('', 'hosts:');
  let vm = 0;
  for (let i = 0; i < n; i++) {
    if (s.kinds[i] !== 'host') continue;
    // A host with no cable (a one-host tree) still has its eth0 in br0.
    const nics = ends[i]!.length > 0 ? ends[i]! : ['eth0'];
    const taps = Array.from({ length: s.vms[i]! }, (_, t) => `tap${t}`);
    out.push(`  - name: ${names[i]}`, `    nics: [${nics.join(', ')}]`, '    commands:');
    if (s.ipStyle[i]) {
      out.push('      - ip link add br0 type bridge');
      for (const d of [...nics, ...taps]) out.push(`      - ip link set ${d} master br0`);
      out.push('      - ip link set br0 up');
    } else {
      out.push('      - brctl addbr br0');
      for (const d of [...nics, ...taps]) out.push(`      - brctl addif br0 ${d}`);
      out.push('      - ip link set br0 up');
    }
    out.push(`    vms:${taps.length === 0 ? ' []' : ''}`);
    for (const tap of taps) {
      vm++;
      out.push(`      - { name: vm${vm}, tap: ${tap}, ip: 10.0.0.${vm}/24 }`);
    }
  }
  out.push('', `links:${links.length === 0 ? ' []' : ''}`, ...links, '');
  out.push('traffic:', `  - ping: { from: "*", to: "*", count: 1, start: 1s, stagger: ${s.stagger} }`, '');
  out.push('expect:', '  - reach: { from: "*", to: "*" }', '');
  return { text: out.join('\n'), vmCount: vm };
}

/**
 * The only drop a tree may show: a leaf switch gets a broadcast and has no other port to flood it
 * to (no-egress). Anything else (queue-full, STP, VLAN, down interfaces, ARP failures, same-port,
 * frames for another MAC...) means a frame went somewhere it should not.
 */
const TREE_DROPS = new Set(['no-egress']);

function check(s: TreeSpec): void {
  const { text, vmCount } = treeScenario(s);
  const file = 'generated-tree.yaml';
  const explain = `\n--- generated scenario ---\n${text}`;
  let a: Report;
  try {
    a = runText(text, file);
  } catch (e) {
    throw new Error(`${(e as Error).message}${explain}`);
  }
  const pairs = vmCount * (vmCount - 1);
  expect(a.pings.length, `one ping per ordered pair${explain}`).toBe(pairs);
  const silent = a.pings.filter((p) => p.sent !== 1 || p.received !== 1).map((p) => `${p.from} -> ${p.to}`);
  expect(silent, `every pair got its reply${explain}`).toStrictEqual([]);
  expect(a.expectations.every((e) => e.pass), `reach * -> * passes${explain}`).toBe(true);
  expect(a.passed).toBe(true);

  const f = a.frames;
  expect(Object.values(f.dropsByReason).reduce((x, y) => x + y, 0)).toBe(f.dropped);
  expect(f.delivered + f.dropped + f.inFlight, `conservation${explain}`).toBe(f.originated + f.copies);
  expect(f.conserved).toBe(true);
  const unexpected = Object.keys(f.dropsByReason).filter((r) => !TREE_DROPS.has(r));
  expect(unexpected, `drops a tree should not have: ${JSON.stringify(f.dropsByReason)}${explain}`).toStrictEqual([]);

  const b = runText(text, file);
  expect(b.traceHash, `two runs hash equal${explain}`).toBe(a.traceHash);
  expect(withoutWall(b)).toStrictEqual(withoutWall(a));
}

describe('random trees of bridges and switches', () => {
  test('the generator makes trees of every shape it should (sanity of the generator itself)', () => {
    const samples = fc.sample(treeArb, { seed: FC_SEED, numRuns: 200 });
    const shapes = samples.map((s) => ({ ...treeScenario(s), s }));
    expect(shapes.every(({ vmCount }) => vmCount >= MIN_VMS && vmCount <= MAX_VMS)).toBe(true);
    expect(shapes.some(({ s }) => s.kinds.length === 1)).toBe(true);
    expect(shapes.some(({ s }) => s.kinds.filter((k) => k === 'switch').length >= 2)).toBe(true);
    // A host in the middle: its bridge joins two or more cables.
    expect(shapes.some(({ text }) => /nics: \[eth0, eth1/.test(text))).toBe(true);
    expect(shapes.some(({ vmCount }) => vmCount === MAX_VMS)).toBe(true);
  });

  test(`all-pairs ping succeeds, frames are conserved, two runs hash equal (${NUM_RUNS} trees)`, () => {
    fc.assert(fc.property(treeArb, check), { seed: FC_SEED, numRuns: NUM_RUNS });
  }, 120_000);
});
