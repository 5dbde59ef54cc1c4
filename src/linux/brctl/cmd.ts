/**
 * `brctl` of bridge-utils (brctl/brctl.c, brctl_cmd.c): its command table, how each command reads
 * its arguments, and what the commands that change something do to a host, in the words
 * bridge-utils uses when the kernel says no. The show commands print in disp.ts.
 * Invariants: commands are matched exactly (no prefixes), each with a minimum argument count and
 * a usage line; brctl talks to the bridge ioctls, which refuse more than netlink does (a port
 * already in a bridge, a bridge that is still up).
 */
import { isValidIfname, scanInt } from '../core/args.js';
import { applyBridgeOptions, type BridgeOptions } from '../core/bridge-options.js';
import { notSupported, refuse, refuseUnknown, strerror } from '../core/errors.js';
import type { LinuxKernel } from '../core/kernel.js';
import { failed, succeeded, type CommandResult } from '../core/result.js';
import type { BrctlShow } from './disp.js';

/** Spanning tree port attributes: `brctl setpathcost|setportprio BR PORT N`. Absent = unchanged. */
interface BridgePortOptions {
  readonly pathCost?: number;
  readonly priority?: number;
}

/** What a brctl command that changes something asks for. */
export type BrctlOp =
  | { readonly kind: 'bridge-add'; readonly tool: 'brctl'; readonly name: string; readonly options: BridgeOptions }
  /** `brctl delbr`: refuses a bridge that is still up (unlike `ip link del`). */
  | { readonly kind: 'bridge-del'; readonly name: string }
  /** `brctl setageing|stp|setbridgeprio|setfd|sethello|setmaxage`: one attribute each. */
  | { readonly kind: 'bridge-set'; readonly bridge: string; readonly options: BridgeOptions }
  /** `brctl setpathcost|setportprio BR PORT N` */
  | { readonly kind: 'bridge-port-set'; readonly bridge: string; readonly port: string; readonly options: BridgePortOptions }
  /** `brctl addif BR DEV...` */
  | { readonly kind: 'bridge-port-add'; readonly bridge: string; readonly ports: readonly string[] }
  /** `brctl delif BR DEV...` */
  | { readonly kind: 'bridge-port-del'; readonly bridge: string; readonly ports: readonly string[] };

interface BrctlCommand {
  readonly name: string;
  readonly nargs: number;
  readonly help: string;
  readonly modelled: boolean;
}

/** bridge-utils' command table, in its order. */
const COMMANDS: readonly BrctlCommand[] = [
  { name: 'addbr', nargs: 1, help: '<bridge>\t\tadd bridge', modelled: true },
  { name: 'delbr', nargs: 1, help: '<bridge>\t\tdelete bridge', modelled: true },
  { name: 'addif', nargs: 2, help: '<bridge> <device>\tadd interface to bridge', modelled: true },
  { name: 'delif', nargs: 2, help: '<bridge> <device>\tdelete interface from bridge', modelled: true },
  { name: 'hairpin', nargs: 3, help: '<bridge> <port> {on|off}\tturn hairpin on/off', modelled: false },
  { name: 'setageing', nargs: 2, help: '<bridge> <time>\t\tset ageing time', modelled: true },
  { name: 'setbridgeprio', nargs: 2, help: '<bridge> <prio>\t\tset bridge priority', modelled: true },
  { name: 'setfd', nargs: 2, help: '<bridge> <time>\t\tset bridge forward delay', modelled: true },
  { name: 'sethello', nargs: 2, help: '<bridge> <time>\t\tset hello time', modelled: true },
  { name: 'setmaxage', nargs: 2, help: '<bridge> <time>\t\tset max message age', modelled: true },
  { name: 'setpathcost', nargs: 3, help: '<bridge> <port> <cost>\tset path cost', modelled: true },
  { name: 'setportprio', nargs: 3, help: '<bridge> <port> <prio>\tset port priority', modelled: true },
  { name: 'show', nargs: 0, help: '[ <bridge> ]\t\tshow a list of bridges', modelled: true },
  { name: 'showmacs', nargs: 1, help: '<bridge>\t\tshow a list of mac addrs', modelled: true },
  { name: 'showstp', nargs: 1, help: '<bridge>\t\tshow bridge stp info', modelled: true },
  { name: 'stp', nargs: 2, help: '<bridge> {on|off}\tturn stp on/off', modelled: true },
];

const BRCTL_SUPPORTED = COMMANDS.filter((c) => c.modelled).map((c) => c.name).join(', ');

const BRCTL_HELP = ['Usage: brctl [commands]', 'commands:', ...COMMANDS.map((c) => `\t${c.name.padEnd(10)}\t${c.help}`)].join('\n');

const NS_PER_CENTISECOND = 10_000_000;

/**
 * `strtotimeval` via `sscanf("%lf")`, kept to the centisecond the kernel is given (clock_t,
 * USER_HZ=100); `complaint` is what brctl prints for a value it cannot read.
 */
function timeNs(text: string, complaint: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  if (!m || m[0].trim().startsWith('-')) refuse(complaint);
  const seconds = Number(m[0]);
  return Math.floor(seconds * 100 + 1e-9) * NS_PER_CENTISECOND;
}

function int(text: string, complaint: string): number {
  return scanInt(text) ?? refuse(complaint);
}

function stpState(text: string): boolean {
  if (text === 'on' || text === 'yes' || text === '1') return true;
  if (text === 'off' || text === 'no' || text === '0') return false;
  return refuse('expect on/off for argument');
}

export function parseBrctl(words: readonly string[]): BrctlOp | { readonly kind: 'show'; readonly what: BrctlShow } {
  const [first, ...args] = words;
  if (first === undefined || first === '-h' || first === '--help') refuse(BRCTL_HELP);
  if (first.startsWith('-')) refuse(first === '-V' || first === '--version' ? 'bridge-utils, 1.7.1' : `Unknown option '${first.slice(1, 2)}'\n${BRCTL_HELP}`);
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) refuseUnknown(`never heard of command [${first}]`, first, COMMANDS.map((c) => c.name));
  if (args.length < command.nargs) {
    refuse(`Incorrect number of arguments for command\nUsage: brctl ${command.name} ${command.help}`);
  }
  if (!command.modelled) refuse(notSupported(`brctl ${command.name}`, `brctl ${BRCTL_SUPPORTED}`));
  // The argument counts above make these present for the commands that read them.
  const [bridge = '', second = '', third = ''] = args;
  switch (command.name) {
    case 'addbr':
      return { kind: 'bridge-add', tool: 'brctl', name: bridge, options: {} };
    case 'delbr':
      return { kind: 'bridge-del', name: bridge };
    case 'addif':
      return { kind: 'bridge-port-add', bridge, ports: args.slice(1) };
    case 'delif':
      return { kind: 'bridge-port-del', bridge, ports: args.slice(1) };
    case 'setageing':
      return { kind: 'bridge-set', bridge, options: { ageingNs: timeNs(second, 'bad ageing time value') } };
    case 'setbridgeprio':
      return { kind: 'bridge-set', bridge, options: { priority: int(second, 'bad priority') } };
    case 'setfd':
      return { kind: 'bridge-set', bridge, options: { forwardDelayNs: timeNs(second, 'bad forward delay value') } };
    case 'sethello':
      return { kind: 'bridge-set', bridge, options: { helloTimeNs: timeNs(second, 'bad hello timer value') } };
    case 'setmaxage':
      return { kind: 'bridge-set', bridge, options: { maxAgeNs: timeNs(second, 'bad max age value') } };
    case 'setpathcost':
      return { kind: 'bridge-port-set', bridge, port: second, options: { pathCost: int(third, 'bad path cost value') } };
    case 'setportprio':
      return { kind: 'bridge-port-set', bridge, port: second, options: { priority: int(third, 'bad path priority value') } };
    case 'stp':
      return { kind: 'bridge-set', bridge, options: { stp: stpState(second) } };
    case 'show':
      return { kind: 'show', what: { of: 'brctl-bridges', bridges: args } };
    case 'showmacs':
      return { kind: 'show', what: { of: 'brctl-macs', bridge } };
    case 'showstp':
      return { kind: 'show', what: { of: 'brctl-stp', bridge } };
    default:
      return refuse(`never heard of command [${first}]`);
  }
}

export function runBrctl(kernel: LinuxKernel, op: BrctlOp): CommandResult {
  switch (op.kind) {
    case 'bridge-add':
      return addbr(kernel, op.name);
    case 'bridge-del':
      return delbr(kernel, op.name);
    case 'bridge-set':
      return setBridge(kernel, op.bridge, op.options);
    case 'bridge-port-set':
      return setPort(kernel, op.bridge, op.port, op.options);
    case 'bridge-port-add':
      return addif(kernel, op.bridge, op.ports);
    case 'bridge-port-del':
      return delif(kernel, op.bridge, op.ports);
  }
}

function addbr(kernel: LinuxKernel, name: string): CommandResult {
  if (!isValidIfname(name)) return failed(`add bridge failed: ${strerror('EINVAL')}`);
  const e = kernel.addBridge(name);
  if (e === 'EEXIST') return failed(`device ${name} already exists; can't create bridge with the same name`);
  if (e) return failed(`add bridge failed: ${strerror(e)}`);
  return succeeded();
}

function delbr(kernel: LinuxKernel, name: string): CommandResult {
  const link = kernel.link(name);
  if (!link) return failed(`bridge ${name} doesn't exist; can't delete it`);
  if (link.kind !== 'bridge') return failed(`can't delete bridge ${name}: ${strerror('EPERM')}`);
  if (link.up) return failed(`bridge ${name} is still up; can't delete it`);
  const e = kernel.deleteLink(name);
  if (e) return failed(`can't delete bridge ${name}: ${strerror(e)}`);
  return succeeded();
}

function addif(kernel: LinuxKernel, bridge: string, ports: readonly string[]): CommandResult {
  for (const port of ports) {
    const link = kernel.link(port);
    const master = kernel.link(bridge);
    if (!link) return failed(`interface ${port} does not exist!`);
    if (!master) return failed(`bridge ${bridge} does not exist!`);
    if (master.kind !== 'bridge') return failed(`can't add ${port} to bridge ${bridge}: ${strerror('EOPNOTSUPP')}`);
    if (link.master !== null) {
      return failed(`device ${port} is already a member of a bridge; can't enslave it to bridge ${bridge}.`);
    }
    const e = link.kind === 'bridge' ? 'ELOOP' : kernel.setMaster(port, bridge);
    if (e === 'EBUSY') return failed(`device ${port} is already a member of a bridge; can't enslave it to bridge ${bridge}.`);
    if (e === 'ELOOP') {
      return failed(`device ${port} is a bridge device itself; can't enslave a bridge device to a bridge device.`);
    }
    if (e) return failed(`can't add ${port} to bridge ${bridge}: ${strerror(e)}`);
  }
  return succeeded();
}

function delif(kernel: LinuxKernel, bridge: string, ports: readonly string[]): CommandResult {
  for (const port of ports) {
    const link = kernel.link(port);
    const master = kernel.link(bridge);
    if (!link) return failed(`interface ${port} does not exist!`);
    if (!master) return failed(`bridge ${bridge} does not exist!`);
    if (master.kind !== 'bridge') return failed(`can't delete ${port} from ${bridge}: ${strerror('EOPNOTSUPP')}`);
    if (link.master !== bridge) return failed(`device ${port} is not a slave of ${bridge}`);
    const e = kernel.setMaster(port, null);
    if (e) return failed(`can't delete ${port} from ${bridge}: ${strerror(e)}`);
  }
  return succeeded();
}

/** What bridge-utils prints when setting one attribute fails, by the attribute. */
function failureText(options: BridgeOptions): string {
  if (options.ageingNs !== undefined) return 'set ageing time failed';
  if (options.priority !== undefined) return 'set bridge priority failed';
  if (options.forwardDelayNs !== undefined) return 'set forward delay failed';
  if (options.helloTimeNs !== undefined) return 'set hello timer failed';
  if (options.maxAgeNs !== undefined) return 'set max age failed';
  return 'set stp status failed';
}

function setBridge(kernel: LinuxKernel, bridge: string, options: BridgeOptions): CommandResult {
  const what = failureText(options);
  const link = kernel.link(bridge);
  if (!link) return failed(`${what}: ${strerror('ENODEV')}`);
  if (link.kind !== 'bridge') return failed(`${what}: ${strerror('EOPNOTSUPP')}`);
  const e = applyBridgeOptions(kernel, bridge, options);
  if (e) return failed(`${what}: ${strerror(e)}`);
  return succeeded();
}

function setPort(kernel: LinuxKernel, bridge: string, port: string, options: BridgePortOptions): CommandResult {
  const cost = options.pathCost;
  const what = cost !== undefined ? 'set path cost failed' : 'set port priority failed';
  const link = kernel.link(bridge);
  if (!link) return failed(`${what}: ${strerror('ENODEV')}`);
  if (link.kind !== 'bridge') return failed(`${what}: ${strerror('EOPNOTSUPP')}`);
  const e = cost !== undefined
    ? kernel.setBridgePortStpParam(bridge, port, 'pathCost', cost)
    : kernel.setBridgePortStpParam(bridge, port, 'priority', options.priority ?? 0);
  if (e) return failed(`${what}: ${strerror(e)}`);
  return succeeded();
}
