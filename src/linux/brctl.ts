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
  { name: 'setbridgeprio', nargs: 2, help: '<bridge> <prio>\t\tset bridge priority', modelled: false },
  { name: 'setfd', nargs: 2, help: '<bridge> <time>\t\tset bridge forward delay', modelled: false },
  { name: 'sethello', nargs: 2, help: '<bridge> <time>\t\tset hello time', modelled: false },
  { name: 'setmaxage', nargs: 2, help: '<bridge> <time>\t\tset max message age', modelled: false },
  { name: 'setpathcost', nargs: 3, help: '<bridge> <port> <cost>\tset path cost', modelled: false },
  { name: 'setportprio', nargs: 3, help: '<bridge> <port> <prio>\tset port priority', modelled: false },
  { name: 'show', nargs: 0, help: '[ <bridge> ]\t\tshow a list of bridges', modelled: true },
  { name: 'showmacs', nargs: 1, help: '<bridge>\t\tshow a list of mac addrs', modelled: true },
  { name: 'showstp', nargs: 1, help: '<bridge>\t\tshow bridge stp info', modelled: false },
  { name: 'stp', nargs: 2, help: '<bridge> {on|off}\tturn stp on/off', modelled: true },
];

const BRCTL_SUPPORTED = COMMANDS.filter((c) => c.modelled).map((c) => c.name).join(', ');

export const BRCTL_HELP = ['Usage: brctl [commands]', 'commands:', ...COMMANDS.map((c) => `\t${c.name.padEnd(10)}\t${c.help}`)].join('\n');

const NS_PER_CENTISECOND = 10_000_000;

/** `strtotimeval` via `sscanf("%lf")`, kept to the centisecond the kernel stores (clock_t, USER_HZ=100). */
function ageingNs(text: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  if (!m || m[0].trim().startsWith('-')) refuse('bad ageing time value');
  const seconds = Number(m[0]);
  return Math.floor(seconds * 100 + 1e-9) * NS_PER_CENTISECOND;
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
      return { kind: 'bridge-set', bridge, options: { ageingNs: ageingNs(args[1]!) } };
    case 'stp':
      return { kind: 'bridge-set', bridge, options: { stp: stpState(args[1]!) } };
    case 'show':
      return { kind: 'show', what: { of: 'brctl-bridges', bridges: args } };
    case 'showmacs':
      return { kind: 'show', what: { of: 'brctl-macs', bridge } };
    default:
      return refuse(`never heard of command [${first}]`);
  }
}
