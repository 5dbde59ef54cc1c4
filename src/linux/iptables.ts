/**
 * `iptables`, as far as the article's NAT mode needs it: the nat table's MASQUERADE rules in
 * POSTROUTING (`-A`/`-D`), `-F` and the `-S`/`-L` listings. Anything else is refused by name.
 */
import type { LinuxOp, NatRule } from './command.js';
import { notSupported, refuse } from './errors.js';
import { parseCidr, type Ipv4Cidr } from '../wire/ipv4-address.js';

export const IPTABLES_SUPPORTED =
  'iptables -t nat -A|-D POSTROUTING [-s CIDR] [-o DEV] -j MASQUERADE, iptables -t nat -F|-S|-L [POSTROUTING] [-n] [-v]';

const LONG: Record<string, string> = {
  '--table': '-t', '--append': '-A', '--delete': '-D', '--flush': '-F', '--list': '-L', '--list-rules': '-S',
  '--source': '-s', '--src': '-s', '--out-interface': '-o', '--jump': '-j', '--numeric': '-n', '--verbose': '-v',
};

export function parseIptables(words: readonly string[]): LinuxOp {
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
    const raw = rest.shift()!;
    const w = LONG[raw] ?? raw;
    switch (w) {
      case '-t':
        value(raw);
        break;
      case '-A': case '-D': case '-F': case '-L': case '-S':
        if (command !== null) refuse('iptables v1.8.9 (legacy): Can\'t use -' + w.slice(1) + ' with -' + command.slice(1));
        command = w;
        if (rest.length > 0 && !rest[0]!.startsWith('-')) chain = rest.shift()!;
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
        refuse(notSupported(`iptables ${raw}`, IPTABLES_SUPPORTED));
    }
  }
  if (command === null) refuse('iptables v1.8.9 (legacy): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.');
  if (chain !== null && !['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].includes(chain)) {
    refuse(`iptables: No chain/target/match by that name.`);
  }
  switch (command) {
    case '-F':
      return { kind: 'nat-flush' };
    case '-S':
    case '-L':
      return { kind: 'nat-show', format: command === '-S' ? 'rules' : 'list', chain, numeric };
    default: {
      if (chain === null) refuse(`iptables v1.8.9 (legacy): option "${command}" requires an argument`);
      if (chain !== 'POSTROUTING' || target !== 'MASQUERADE') {
        refuse(notSupported(`iptables -t nat ${command} ${chain}${target ? ` -j ${target}` : ''}`, IPTABLES_SUPPORTED));
      }
      const rule: NatRule = { source, outDev };
      return { kind: 'nat-rule', action: command === '-A' ? 'append' : 'delete', rule };
    }
  }
}
