/**
 * `brctl` of bridge-utils (brctl/brctl.c, brctl_cmd.c): the tool the article uses. Commands are
 * matched exactly, each with a minimum argument count and a usage line.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';

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

export const BRCTL_HELP = ['Usage: brctl [commands]', 'commands:', ...COMMANDS.map((c) => `\t${c.name.padEnd(10)}\t${c.help}`)].join('\n');

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

/** `sscanf("%i")`: optional sign, then decimal, 0x hex or 0 octal digits; what follows is ignored. */
function scanInt(text: string, complaint: string): number {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(text);
  if (!m) refuse(complaint);
  const digits = m[2]!;
  const v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  return m[1] === '-' ? -v : v;
}

function stpState(text: string): boolean {
  if (text === 'on' || text === 'yes' || text === '1') return true;
  if (text === 'off' || text === 'no' || text === '0') return false;
  return refuse('expect on/off for argument');
}

export function parseBrctl(words: readonly string[]): LinuxOp {
  const [first, ...args] = words;
  if (first === undefined || first === '-h' || first === '--help') refuse(BRCTL_HELP);
  if (first.startsWith('-')) refuse(first === '-V' || first === '--version' ? 'bridge-utils, 1.7.1' : `Unknown option '${first.slice(1, 2)}'\n${BRCTL_HELP}`);
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) refuse(`never heard of command [${first}]`);
  if (args.length < command.nargs) {
    refuse(`Incorrect number of arguments for command\nUsage: brctl ${command.name} ${command.help}`);
  }
  if (!command.modelled) refuse(notSupported(`brctl ${command.name}`, `brctl ${BRCTL_SUPPORTED}`));
  const bridge = args[0]!;
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
      return { kind: 'bridge-set', bridge, options: { ageingNs: timeNs(args[1]!, 'bad ageing time value') } };
    case 'setbridgeprio':
      return { kind: 'bridge-set', bridge, options: { priority: scanInt(args[1]!, 'bad priority') } };
    case 'setfd':
      return { kind: 'bridge-set', bridge, options: { forwardDelayNs: timeNs(args[1]!, 'bad forward delay value') } };
    case 'sethello':
      return { kind: 'bridge-set', bridge, options: { helloTimeNs: timeNs(args[1]!, 'bad hello timer value') } };
    case 'setmaxage':
      return { kind: 'bridge-set', bridge, options: { maxAgeNs: timeNs(args[1]!, 'bad max age value') } };
    case 'setpathcost':
      return { kind: 'bridge-port-set', bridge, port: args[1]!, options: { pathCost: scanInt(args[2]!, 'bad path cost value') } };
    case 'setportprio':
      return { kind: 'bridge-port-set', bridge, port: args[1]!, options: { priority: scanInt(args[2]!, 'bad path priority value') } };
    case 'stp':
      return { kind: 'bridge-set', bridge, options: { stp: stpState(args[1]!) } };
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
