/**
 * `sysctl` of procps-ng: `sysctl KEY` reads, `sysctl -w KEY=VALUE` (or any `KEY=VALUE`) writes,
 * printed the procps-ng way (`key = value`). Options: -w, -q (quiet), -n (values only), -e (ignore
 * unknown keys), combinable as `-qw`.
 * Invariants: every key is tried even after one fails, and each failure is reported in procps'
 * words (`cannot stat /proc/sys/...` for a key the host has not); the command fails if any did.
 */
import { notSupported, refuse, strerror } from './core/errors.js';
import type { LinuxKernel } from './core/kernel.js';
import { finished, printLines, type CommandResult } from './core/result.js';

type SysctlItem =
  | { readonly op: 'read'; readonly key: string }
  | { readonly op: 'write'; readonly key: string; readonly value: string };

/** `sysctl [-w] [-q] [-n] [-e] key[=value]...` */
export interface SysctlOp {
  readonly kind: 'sysctl';
  readonly items: readonly SysctlItem[];
  readonly quiet: boolean;
  readonly valuesOnly: boolean;
  readonly ignoreUnknown: boolean;
}

const SYSCTL_SUPPORTED = 'sysctl [-w] [-q] [-n] [-e] KEY[=VALUE]...';

/** procps accepts `net/ipv4/ip_forward` for `net.ipv4.ip_forward`. */
function canonicalSysctlKey(key: string): string {
  return key.includes('/') && !key.includes('.') ? key.replace(/^\/+/, '').replace(/\//g, '.') : key;
}

export function parseSysctl(words: readonly string[]): SysctlOp {
  let write = false;
  let quiet = false;
  let valuesOnly = false;
  let ignoreUnknown = false;
  const args: string[] = [];
  for (const w of words) {
    if (w === '--write') write = true;
    else if (w === '--quiet') quiet = true;
    else if (w === '--values') valuesOnly = true;
    else if (w === '--ignore') ignoreUnknown = true;
    else if (w.startsWith('--')) refuse(notSupported(`sysctl ${w}`, SYSCTL_SUPPORTED));
    else if (w.startsWith('-') && w.length > 1) {
      for (const flag of w.slice(1)) {
        if (flag === 'w') write = true;
        else if (flag === 'q') quiet = true;
        else if (flag === 'n') valuesOnly = true;
        else if (flag === 'e') ignoreUnknown = true;
        else if ('aApbrNXdfoxh'.includes(flag)) refuse(notSupported(`sysctl -${flag}`, SYSCTL_SUPPORTED));
        else refuse(`sysctl: invalid option -- '${flag}'`);
      }
    } else args.push(w);
  }
  if (args.length === 0) refuse("sysctl: no variables specified\nTry `sysctl --help' for more information.");
  const items = args.map((arg): SysctlItem => {
    const equals = arg.indexOf('=');
    if (equals < 0) {
      if (write) refuse(`sysctl: "${arg}" must be of the form name=value`);
      return { op: 'read', key: canonicalSysctlKey(arg) };
    }
    const key = arg.slice(0, equals);
    if (key === '') refuse(`sysctl: malformed setting "${arg}"`);
    return { op: 'write', key: canonicalSysctlKey(key), value: arg.slice(equals + 1) };
  });
  return { kind: 'sysctl', items, quiet, valuesOnly, ignoreUnknown };
}

function cannotStat(key: string): string {
  return `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: ${strerror('ENOENT')}`;
}

export function runSysctl(kernel: LinuxKernel, op: SysctlOp): CommandResult {
  const out: string[] = [];
  const errors: string[] = [];
  for (const item of op.items) {
    const current = kernel.sysctlGet(item.key);
    if (current === undefined) {
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
  return finished(printLines(out), errors);
}
