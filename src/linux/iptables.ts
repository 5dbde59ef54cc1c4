/**
 * `iptables`, as far as the article's NAT mode needs it: the nat table's MASQUERADE rules in
 * POSTROUTING (`-A`/`-D`), `-F` and the `-S`/`-L` listings, and how they print.
 * Invariants: the table is decided before anything else on the line, and anything but the nat
 * table's MASQUERADE is refused by name; deleting a rule that is not there is libiptc's "Bad rule".
 */
import { notSupported, refuse, refuseUnknown, strerror } from './core/errors.js';
import type { Errno, LinuxKernel } from './core/kernel.js';
import type { NatRule } from './core/nat-rule.js';
import { failed, printLines, succeeded, type CommandResult } from './core/result.js';
import { formatCidr, parseCidr, type Ipv4Cidr } from '../wire/ipv4-address.js';

export type IptablesOp =
  /** `iptables -t nat -A|-D POSTROUTING ... -j MASQUERADE`. */
  | { readonly kind: 'nat-rule'; readonly action: 'append' | 'delete'; readonly rule: NatRule }
  /** `iptables -t nat -F`. */
  | { readonly kind: 'nat-flush' }
  /** `iptables -t nat -S` (rules) or `-L` (list). */
  | { readonly kind: 'nat-show'; readonly format: 'rules' | 'list'; readonly chain: string | null; readonly numeric: boolean };

/** The nat table's built-in chains, in the order the listings print them. */
const CHAINS: readonly string[] = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];
/** The standard targets and the nat table's: any other name is a target iptables cannot load. */
const TARGETS: readonly string[] = ['MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT', 'ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG'];

const IPTABLES_SUPPORTED =
  'iptables -t nat -A|-D POSTROUTING [-s CIDR] [-o DEV] -j MASQUERADE, iptables -t nat -F|-S|-L [POSTROUTING] [-n] [-v]';

const LONG: Record<string, string> = {
  '--table': '-t', '--append': '-A', '--delete': '-D', '--flush': '-F', '--list': '-L', '--list-rules': '-S',
  '--source': '-s', '--src': '-s', '--out-interface': '-o', '--jump': '-j', '--numeric': '-n', '--verbose': '-v',
};

export function parseIptables(words: readonly string[]): IptablesOp {
  // The table decides first: only nat is modelled, whatever else the line says.
  const t = words.findIndex((w) => w === '-t' || w === '--table');
  const table = t >= 0 ? (words[t + 1] ?? '') : 'filter';
  if (table !== 'nat') refuse(notSupported(`iptables -t ${table || '?'} (the ${table || '?'} table)`, IPTABLES_SUPPORTED));
  let command: string | null = null;
  let chain: string | null = null;
  let source: Ipv4Cidr | null = null;
  let outDev: string | null = null;
  let target: string | null = null;
  let numeric = false;
  const rest = [...words];
  const value = (flag: string): string => {
    const v = rest.shift();
    if (v === undefined) refuse(`iptables v1.8.9 (legacy): option "${flag}" requires an argument\nTry \`iptables -h' or 'iptables --help' for more information.`);
    return v;
  };
  while (rest.length > 0) {
    const raw = rest.shift() ?? '';
    const w = LONG[raw] ?? raw;
    switch (w) {
      case '-t':
        value(raw);
        break;
      case '-A': case '-D': case '-F': case '-L': case '-S':
        if (command !== null) refuse('iptables v1.8.9 (legacy): Can\'t use -' + w.slice(1) + ' with -' + command.slice(1));
        command = w;
        if (rest[0] !== undefined && !rest[0].startsWith('-')) chain = rest.shift() ?? null;
        break;
      case '-s': {
        const v = value(raw);
        const cidr = parseCidr(v.includes('/') ? v : `${v}/32`);
        if (cidr === null) refuse(`iptables v1.8.9 (legacy): host/network \`${v}' not found`);
        source = cidr;
        break;
      }
      case '-o':
        outDev = value(raw);
        break;
      case '-j':
        target = value(raw);
        break;
      case '-n':
        numeric = true;
        break;
      case '-v':
        break;
      default:
        // A long option a typo away from one vnetsim reads (`--apend`) gets a guess.
        if (raw.startsWith('--')) refuseUnknown(notSupported(`iptables ${raw}`, IPTABLES_SUPPORTED), raw, Object.keys(LONG));
        refuse(notSupported(`iptables ${raw}`, IPTABLES_SUPPORTED));
    }
  }
  if (command === null) refuse('iptables v1.8.9 (legacy): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.');
  if (chain !== null && !CHAINS.includes(chain)) {
    refuseUnknown('iptables: No chain/target/match by that name.', chain, CHAINS);
  }
  switch (command) {
    case '-F':
      return { kind: 'nat-flush' };
    case '-S':
    case '-L':
      return { kind: 'nat-show', format: command === '-S' ? 'rules' : 'list', chain, numeric };
    default: {
      if (chain === null) refuse(`iptables v1.8.9 (legacy): option "${command}" requires an argument`);
      if (target !== null && !TARGETS.includes(target)) {
        refuseUnknown(`iptables v1.8.9 (legacy): Couldn't load target \`${target}':No such file or directory`, target, TARGETS);
      }
      if (chain !== 'POSTROUTING' || target !== 'MASQUERADE') {
        refuse(notSupported(`iptables -t nat ${command} ${chain}${target ? ` -j ${target}` : ''}`, IPTABLES_SUPPORTED));
      }
      const rule: NatRule = { source, outDev };
      return { kind: 'nat-rule', action: command === '-A' ? 'append' : 'delete', rule };
    }
  }
}

export function runIptables(kernel: LinuxKernel, op: IptablesOp): CommandResult {
  switch (op.kind) {
    case 'nat-rule': {
      const e = op.action === 'append' ? kernel.natAppend(op.rule) : kernel.natDelete(op.rule);
      return e ? failed(iptcError(e)) : succeeded();
    }
    case 'nat-flush': {
      const e = kernel.natFlush();
      return e ? failed(iptcError(e)) : succeeded();
    }
    case 'nat-show': {
      const rules = kernel.natRules();
      const chains = op.chain === null ? CHAINS : CHAINS.filter((c) => c === op.chain);
      return succeeded(printLines(op.format === 'rules' ? ruleLines(chains, rules) : listLines(chains, rules, op.numeric)));
    }
  }
}

/** libiptc's `iptc_strerror`: ENOENT from a delete is a rule that does not match any. */
function iptcError(e: Errno): string {
  return e === 'ENOENT' ? 'iptables: Bad rule (does a matching rule exist in that chain?).' : `iptables: ${strerror(e)}.`;
}

/** `iptables -t nat -S`: the policies, then each rule as the command that makes it. */
function ruleLines(chains: readonly string[], rules: readonly NatRule[]): string[] {
  const lines = chains.map((c) => `-P ${c} ACCEPT`);
  if (chains.includes('POSTROUTING')) for (const r of rules) lines.push(`-A POSTROUTING${ruleArgs(r)} -j MASQUERADE`);
  return lines;
}

function ruleArgs(r: NatRule): string {
  return `${r.source ? ` -s ${formatCidr(r.source)}` : ''}${r.outDev ? ` -o ${r.outDev}` : ''}`;
}

/** `iptables -t nat -L [-n]`: a table per chain. */
function listLines(chains: readonly string[], rules: readonly NatRule[], numeric: boolean): string[] {
  const any = numeric ? '0.0.0.0/0' : 'anywhere';
  const lines: string[] = [];
  chains.forEach((c, i) => {
    if (i > 0) lines.push('');
    lines.push(`Chain ${c} (policy ACCEPT)`, `${'target'.padEnd(10)} prot opt ${'source'.padEnd(20)} destination`);
    if (c !== 'POSTROUTING') return;
    for (const r of rules) {
      lines.push(`${'MASQUERADE'.padEnd(10)}  all  --  ${(r.source ? formatCidr(r.source) : any).padEnd(20)} ${any}`);
    }
  });
  return lines;
}
