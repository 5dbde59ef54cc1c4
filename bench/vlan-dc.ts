/**
 * The VLAN data-centre benchmark: 50 hosts, 1,000 VMs, 10 tenants, built the article's way (a VLAN
 * sub-interface and a bridge per tenant on every host, trunks to one switch), every VM pinging two
 * peers of its tenant. Its untagged counterpart has the same size, tenants, broadcast domains and
 * pings, but keeps the tenants apart with wires instead of tags: every host has one NIC per tenant
 * (eth0..eth9), each tenant's bridge enslaves its own NIC, and each tenant has its own switch.
 * Every frame crosses the same number of hops in both, so frame-hops per wall second compares
 * exactly what VLANs add: tagging and untagging, sub-interfaces, and per-VLAN MAC tables
 * (target: within 20%).
 */
import { prepareScenario, runSimulation, type Report } from '../src/index.js';

export interface VlanDcShape {
  readonly hosts: number;
  readonly vmsPerHost: number;
  readonly tenants: number;
  /** Peers of its own tenant each VM pings. */
  readonly peers: number;
}

export const VLAN_DC: VlanDcShape = { hosts: 50, vmsPerHost: 20, tenants: 10, peers: 2 };

const vid = (t: number) => 100 + t;

/** VM n (1-based) lives on host ceil(n / vmsPerHost) and belongs to tenant (n - 1) % tenants. */
function tenantOf(shape: VlanDcShape, n: number): number {
  return (n - 1) % shape.tenants;
}

function ipOf(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}/8`;
}

/** The scenario text: per-tenant VLANs on one NIC and one switch (`vlan: true`), or a NIC and a switch per tenant. */
export function vlanDatacenter(shape: VlanDcShape, vlan: boolean): string {
  const { hosts, vmsPerHost, tenants } = shape;
  const total = hosts * vmsPerHost;
  const allowed = Array.from({ length: tenants }, (_, t) => vid(t)).join(', ');
  const lines: string[] = [
    `name: ${vlan ? 'vlan' : 'untagged'}-datacenter-${hosts}x${vmsPerHost}`,
    'seed: 1',
    'duration: 10s',
    'eventBudget: 500000000',
    'defaults: { link: { rate: 10Gbps, delay: 5us, queue: 1000 } }',
    'switches:',
  ];
  if (vlan) {
    lines.push('  - name: sw1', `    ports: ${hosts}`, '    vlans:');
    for (let h = 1; h <= hosts; h++) lines.push(`      p${h}: { mode: trunk, allowed: [${allowed}] }`);
  } else {
    for (let t = 0; t < tenants; t++) lines.push(`  - { name: sw${vid(t)}, ports: ${hosts} }`);
  }
  lines.push('hosts:');
  for (let h = 1; h <= hosts; h++) {
    const nics = vlan ? ['eth0'] : Array.from({ length: tenants }, (_, t) => `eth${t}`);
    lines.push(`  - name: host${h}`, `    nics: [${nics.join(', ')}]`, '    commands:');
    const first = (h - 1) * vmsPerHost + 1;
    for (let t = 0; t < tenants; t++) {
      const v = vid(t);
      const uplink = vlan ? `eth0.${v}` : `eth${t}`;
      if (vlan) lines.push(`      - vconfig add eth0 ${v}`, `      - ip link set eth0.${v} up`);
      lines.push(`      - brctl addbr br${v}`, `      - brctl addif br${v} ${uplink}`);
      for (let i = 0; i < vmsPerHost; i++) if (tenantOf(shape, first + i) === t) lines.push(`      - brctl addif br${v} tap${i}`);
      lines.push(`      - ip link set br${v} up`);
    }
    lines.push('    vms:');
    for (let i = 0; i < vmsPerHost; i++) {
      const n = first + i;
      lines.push(`      - { name: vm${n}, tenant: t${tenantOf(shape, n)}, tap: tap${i}, ip: ${ipOf(n)} }`);
    }
  }
  lines.push('links:');
  for (let h = 1; h <= hosts; h++) {
    if (vlan) lines.push(`  - { a: host${h}/eth0, b: sw1/p${h} }`);
    else for (let t = 0; t < tenants; t++) lines.push(`  - { a: host${h}/eth${t}, b: sw${vid(t)}/p${h} }`);
  }
  // Each VM pings `peers` VMs of its tenant on the next hosts (a step of whole hosts that is also a
  // multiple of the tenant count keeps the tenant); starts spread over 2 s.
  const step = tenants * Math.ceil(vmsPerHost / tenants);
  lines.push('traffic:');
  for (let n = 1; n <= total; n++) {
    const peers: string[] = [];
    for (let k = 1; k <= shape.peers; k++) peers.push(`vm${((n - 1 + k * step) % total) + 1}`);
    const startUs = 1_000_000 + Math.floor(((n - 1) * 2_000_000) / total);
    lines.push(`  - ping: { from: vm${n}, to: [${peers.join(', ')}], count: 2, interval: 1s, start: ${startUs}us }`);
  }
  return lines.join('\n') + '\n';
}

export interface DcRun {
  readonly report: Report;
  readonly seconds: number;
}

/** Loads (not timed) and runs (timed) one data centre. */
export function runDatacenter(shape: VlanDcShape, vlan: boolean): DcRun {
  const text = vlanDatacenter(shape, vlan);
  const file = `bench:${vlan ? 'vlan' : 'untagged'}-dc`;
  const prepared = prepareScenario(text, file);
  if (!prepared.ok) throw new Error(prepared.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const t0 = performance.now();
  const report = runSimulation(prepared.sim, file);
  return { report, seconds: (performance.now() - t0) / 1000 };
}
