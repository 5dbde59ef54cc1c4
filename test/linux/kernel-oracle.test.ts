/**
 * The real Linux kernel as an oracle, where the machine allows it (root, `ip netns`, `ping`):
 * scenario 01 is rebuilt with network namespaces — one for host1 with br0, one per VM, each VM's
 * eth0 a veth whose peer is host1's tap0 or tap1 (a veth behaves like a TAP held open by qemu) —
 * and the same pings are sent. Then what the kernel did is compared with what vnetsim did:
 * the ping results, the frames each VM and each bridge port sent and received, the VMs' ARP caches
 * and the bridge's learned FDB entries, line for line as `bridge fdb show` prints them.
 *
 * The namespaces are this test's own (named after its process id), hold only the scenario's
 * private addresses, and are deleted afterwards. IPv6 is off in them and br0 does no multicast
 * snooping, so that the kernel sends nothing vnetsim does not model (router solicitations, MLD
 * and IGMP messages).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeLine } from '../../src/linux/run.js';
import { runSimulation } from '../../src/index.js';
import { formatIpv4 } from '../../src/wire/ipv4-address.js';
import { formatMac } from '../../src/wire/mac.js';
import { prepare, scenarioText } from '../acceptance/helpers.js';

const PREFIX = `vns${process.pid}`;
const NS = { host1: `${PREFIX}-host1`, vm1: `${PREFIX}-vm1`, vm2: `${PREFIX}-vm2` } as const;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Why the kernel cannot be asked here, or null when it can. */
function whyNoKernel(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const [cmd, arg] of [['ip', '-V'], ['bridge', '-V'], ['ping', '-V']] as const) {
    if (spawnSync(cmd, [arg]).status !== 0) return `no ${cmd} command`;
  }
  const probe = `${PREFIX}-probe`;
  if (spawnSync('ip', ['netns', 'add', probe]).status !== 0) return 'ip netns add is not allowed';
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

const why = whyNoKernel();

function deleteNamespaces(): void {
  for (const ns of Object.values(NS)) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}

interface LinkStats {
  rx: number;
  tx: number;
}

function stats(ns: string, dev: string): LinkStats {
  const [link] = JSON.parse(run('ip', ['-n', ns, '-j', '-s', 'link', 'show', 'dev', dev])) as { stats64: { rx: { packets: number }; tx: { packets: number } } }[];
  return { rx: link!.stats64.rx.packets, tx: link!.stats64.tx.packets };
}

function neighbours(ns: string): string[] {
  const list = JSON.parse(run('ip', ['-n', ns, '-j', 'neigh', 'show', 'dev', 'eth0'])) as { dst: string; lladdr?: string }[];
  return list.map((n) => `${n.dst} ${n.lladdr ?? '(none)'}`).sort();
}

/** The bridge's learned entries as `bridge fdb show` prints them (no permanent or self entries). */
function learned(lines: string): string[] {
  return lines.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !/\b(permanent|self)\b/.test(l)).sort();
}

describe.skipIf(why !== null)(`scenario 01 against the Linux kernel${why ? ` (skipped: ${why})` : ''}`, () => {
  const sim = prepare(scenarioText('01-one-host-bridge.yaml'), 'scenarios/01-one-host-bridge.yaml');
  const ping = sim.doc.traffic[0]!;
  if (ping.kind !== 'ping') throw new Error('scenario 01 starts with its ping');
  const vms = (['vm1', 'vm2'] as const).map((name) => {
    const vm = sim.vms.get(name)!;
    return { name, tap: vm.tap.ifname, mac: formatMac(vm.nic.mac), cidr: vm.nic.ipv4.map((a) => `${formatIpv4(a.address)}/${a.prefixLength}`)[0]! };
  });
  const kernel = { pingOut: '', stats: new Map<string, LinkStats>(), neigh: new Map<string, string[]>(), fdb: [] as string[] };

  beforeAll(() => {
    deleteNamespaces();
    for (const ns of Object.values(NS)) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    // vnetsim's bridges flood multicast and do no IGMP snooping; a Linux bridge that snoops also
    // sends IGMP messages of its own once it is up (two frames to every port within seconds).
    run('ip', ['-n', NS.host1, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0']);
    for (const vm of vms) {
      const ns = NS[vm.name];
      run('ip', ['link', 'add', vm.tap, 'netns', NS.host1, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
      run('ip', ['-n', NS.host1, 'link', 'set', vm.tap, 'master', 'br0']);
      run('ip', ['-n', NS.host1, 'link', 'set', vm.tap, 'up']);
      run('ip', ['-n', ns, 'link', 'set', 'eth0', 'address', vm.mac]);
      run('ip', ['-n', ns, 'addr', 'add', vm.cidr, 'dev', 'eth0']);
      run('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
    }
    run('ip', ['-n', NS.host1, 'link', 'set', 'br0', 'up']);
    const dst = vms[1]!.cidr.split('/')[0]!;
    kernel.pingOut = spawnSync('ip', ['netns', 'exec', NS.vm1, 'ping', '-n', '-c', String(ping.count), '-i', String(ping.interval / 1e9), '-W', '1', dst], { encoding: 'utf8' }).stdout;
    for (const vm of vms) {
      kernel.stats.set(`${vm.name}/eth0`, stats(NS[vm.name], 'eth0'));
      kernel.stats.set(`host1/${vm.tap}`, stats(NS.host1, vm.tap));
      kernel.neigh.set(vm.name, neighbours(NS[vm.name]));
    }
    kernel.fdb = learned(run('bridge', ['-n', NS.host1, 'fdb', 'show', 'br', 'br0']));
  }, 30_000);

  afterAll(deleteNamespaces);

  // vnetsim, stopped just after the last reply, as the kernel's state was read after ping exited.
  const until = ping.start + (ping.count - 1) * ping.interval + 100_000_000;
  const report = runSimulation(sim, 'scenarios/01-one-host-bridge.yaml', { until });
  const host1 = sim.hosts.get('host1')!;

  it('answers the same pings', () => {
    const m = /(\d+) packets transmitted, (\d+) received/.exec(kernel.pingOut);
    expect(m, kernel.pingOut).not.toBeNull();
    const p = report.pings[0]!;
    expect([p.sent, p.received]).toEqual([Number(m![1]), Number(m![2])]);
  });

  it('sends and receives the same frames on each VM NIC and each bridge port', () => {
    const ours = new Map<string, LinkStats>();
    for (const vm of vms) {
      const nic = sim.vms.get(vm.name)!.nic;
      ours.set(`${vm.name}/eth0`, { rx: nic.counters.rxFrames, tx: nic.counters.txFrames });
      const tap = host1.device(vm.tap)!;
      ours.set(`host1/${vm.tap}`, { rx: tap.counters.rxFrames, tx: tap.counters.txFrames });
    }
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(kernel.stats));
  });

  it('leaves the same ARP caches in the VMs', () => {
    for (const vm of vms) {
      const stack = sim.vms.get(vm.name)!.stack;
      const ours = stack.neighbours.list().filter((e) => e.mac !== null).map((e) => `${formatIpv4(e.ip)} ${formatMac(e.mac!)}`).sort();
      expect(ours, vm.name).toEqual(kernel.neigh.get(vm.name));
    }
  });

  it('learns the same FDB entries, printed the same way by `bridge fdb show br br0`', () => {
    const r = executeLine(host1, 'bridge fdb show br br0');
    expect(r.ok).toBe(true);
    expect(kernel.fdb.length).toBe(2);
    expect(learned(r.ok ? r.output : '')).toEqual(kernel.fdb);
  });
});
