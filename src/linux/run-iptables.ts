/** What the supported `iptables -t nat` commands do to a host, and how it lists its rules. */
import type { LinuxOp, NatRule } from './command.js';
import type { LinuxKernel } from './kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './result.js';
import { formatCidr } from '../wire/ipv4-address.js';

type NatOp = Extract<LinuxOp, { kind: 'nat-rule' | 'nat-flush' | 'nat-show' }>;

const CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;

export function runIptables(kernel: LinuxKernel, op: NatOp): CommandResult {
  switch (op.kind) {
    case 'nat-rule':
      if (op.action === 'append') {
        kernel.natAppend(op.rule);
        return succeeded();
      }
      return kernel.natDelete(op.rule) ? succeeded() : failed('iptables: Bad rule (does a matching rule exist in that chain?).');
    case 'nat-flush':
      kernel.natFlush();
      return succeeded();
    case 'nat-show': {
      const rules = kernel.natRules();
      const chains = op.chain === null ? CHAINS : CHAINS.filter((c) => c === op.chain);
      return succeeded(printLines(op.format === 'rules' ? ruleLines(chains, rules) : listLines(chains, rules, op.numeric)));
    }
  }
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
