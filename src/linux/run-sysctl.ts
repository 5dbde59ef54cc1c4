/**
 * What `sysctl` reads and writes, printed the procps-ng way (`key = value`), with its complaints for
 * keys the host does not have (`cannot stat /proc/sys/...`) and values it refuses.
 */
import type { LinuxOp } from './command.js';
import { strerror } from './errors.js';
import type { LinuxKernel } from './kernel.js';
import { printLines, type CommandResult } from './result.js';

function cannotStat(key: string): string {
  return `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: ${strerror('ENOENT')}`;
}

export function runSysctl(kernel: LinuxKernel, op: Extract<LinuxOp, { kind: 'sysctl' }>): CommandResult {
  const out: string[] = [];
  const errors: string[] = [];
  for (const item of op.items) {
    const current = kernel.sysctlGet(item.key);
    if (current === null) {
      if (!op.ignoreUnknown) errors.push(cannotStat(item.key));
      continue;
    }
    if (item.op === 'read') {
      out.push(op.valuesOnly ? current : `${item.key} = ${current}`);
      continue;
    }
    const e = kernel.sysctlSet(item.key, item.value);
    if (e) {
      errors.push(`sysctl: setting key "${item.key}": ${strerror(e)}`);
      continue;
    }
    if (!op.quiet) out.push(op.valuesOnly ? item.value : `${item.key} = ${item.value}`);
  }
  return { ok: errors.length === 0, output: printLines(out), error: errors.length ? errors.join('\n') : null };
}
