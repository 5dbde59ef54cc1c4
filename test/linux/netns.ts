/**
 * Network namespaces for the kernel oracle tests: made, wired and deleted by the test that owns
 * them (named after its process id, so parallel test files never share one).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import type { Simulation } from '../../src/scenario/simulation.js';
import { formatIpv4 } from '../../src/wire/ipv4-address.js';
import { formatMac } from '../../src/wire/mac.js';

export function run(cmd: string, args: readonly string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Why the kernel cannot be asked here, or null when it can. */
export function whyNoKernel(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const [cmd, arg] of [['ip', '-V'], ['bridge', '-V'], ['ping', '-V']] as const) {
    if (spawnSync(cmd, [arg]).status !== 0) return `no ${cmd} command`;
  }
  const probe = `vns${process.pid}-probe`;
  if (spawnSync('ip', ['netns', 'add', probe]).status !== 0) return 'ip netns add is not allowed';
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

/** A simulated VM, as its kernel replica needs it. */
export interface Guest {
  readonly name: string;
  readonly host: string;
  readonly tap: string;
  readonly mac: string;
  /** Its address with prefix (`10.0.0.1/24`), and without. */
  readonly cidr: string;
  readonly ip: string;
  readonly gateway: string | null;
}

export function guestsOf(sim: Simulation): Guest[] {
  return [...sim.vms.values()].map((vm) => {
    const a = vm.nic.ipv4[0]!;
    const via = vm.stack.routes.find((r) => r.prefixLength === 0)?.via ?? null;
    return {
      name: vm.name, host: vm.host.name, tap: vm.tap.ifname, mac: formatMac(vm.nic.mac),
      cidr: `${formatIpv4(a.address)}/${a.prefixLength}`, ip: formatIpv4(a.address), gateway: via === null ? null : formatIpv4(via),
    };
  });
}

/** A set of namespaces, one per simulated node, with IPv6 off (vnetsim models IPv4 only). */
export class Namespaces {
  private readonly made: string[] = [];

  constructor(private readonly tag: string) {}

  /** The namespace of node `name`. */
  ns(name: string): string {
    return `vns${process.pid}-${this.tag}-${name}`;
  }

  add(name: string): string {
    const ns = this.ns(name);
    spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    run('ip', ['netns', 'add', ns]);
    this.made.push(ns);
    run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** `ip link add A netns NA type veth peer name B netns NB`: a cable, or a VM's NIC and its TAP. */
  veth(nodeA: string, devA: string, nodeB: string, devB: string): void {
    run('ip', ['link', 'add', devA, 'netns', this.ns(nodeA), 'type', 'veth', 'peer', 'name', devB, 'netns', this.ns(nodeB)]);
  }

  /**
   * A VM's namespace, its eth0 a veth whose peer is its TAP on its host (a veth behaves like a TAP
   * that qemu holds open): the guest's MAC, address and default route, the TAP up, in `bridge`
   * when given (else the host's own commands enslave it).
   */
  addGuest(g: Guest, bridge: string | null): void {
    this.add(g.name);
    this.veth(g.host, g.tap, g.name, 'eth0');
    if (bridge !== null) this.ip(g.host, 'link', 'set', g.tap, 'master', bridge);
    this.ip(g.host, 'link', 'set', g.tap, 'up');
    this.ip(g.name, 'link', 'set', 'eth0', 'address', g.mac);
    this.ip(g.name, 'addr', 'add', g.cidr, 'dev', 'eth0');
    this.ip(g.name, 'link', 'set', 'eth0', 'up');
    if (g.gateway !== null) this.ip(g.name, 'route', 'add', 'default', 'via', g.gateway);
  }

  /** `ip -n NS ARGS...` on node `name`. */
  ip(name: string, ...args: string[]): string {
    return run('ip', ['-n', this.ns(name), ...args]);
  }

  bridge(name: string, ...args: string[]): string {
    return run('bridge', ['-n', this.ns(name), ...args]);
  }

  /** One echo from node `name` to `dst`: whether a reply came within `waitSeconds`. */
  ping(name: string, dst: string, waitSeconds: number): boolean {
    return spawnSync('ip', ['netns', 'exec', this.ns(name), 'ping', '-n', '-q', '-c', '1', '-W', String(waitSeconds), dst], { stdio: 'ignore' }).status === 0;
  }

  /**
   * Waits (up to 5 s) until every device in every namespace is operationally up: the kernel
   * reports carrier changes asynchronously, and a frame sent before then is lost.
   */
  waitUntilUp(): void {
    const deadline = Date.now() + 5000;
    for (const ns of this.made) {
      for (;;) {
        const links = JSON.parse(run('ip', ['-n', ns, '-j', 'link', 'show'])) as { ifname: string; operstate: string }[];
        if (links.every((l) => l.ifname === 'lo' || l.operstate === 'UP')) break;
        if (Date.now() > deadline) throw new Error(`${ns}: not up after 5 s: ${links.filter((l) => l.operstate !== 'UP').map((l) => `${l.ifname} ${l.operstate}`).join(', ')}`);
        spawnSync('sleep', ['0.05']);
      }
    }
  }

  deleteAll(): void {
    for (const ns of this.made.splice(0)) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  }
}

/** Learned FDB entries as `bridge fdb show` prints them (no permanent or self entries), sorted. */
export function learnedFdbLines(output: string): string[] {
  return output.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !/\b(permanent|self)\b/.test(l)).sort();
}
