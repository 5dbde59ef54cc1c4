/**
 * `sysctl` of procps-ng: `sysctl KEY` reads, `sysctl -w KEY=VALUE` (or any `KEY=VALUE`) writes.
 * Options: -w, -q (quiet), -n (values only), -e (ignore unknown keys), combinable as `-qw`.
 */
import type { LinuxOp, SysctlItem } from './command.js';
import { notSupported, refuse } from './errors.js';

const SYSCTL_SUPPORTED = 'sysctl [-w] [-q] [-n] [-e] KEY[=VALUE]...';

/** procps accepts `net/ipv4/ip_forward` for `net.ipv4.ip_forward`. */
export function canonicalSysctlKey(key: string): string {
  return key.includes('/') && !key.includes('.') ? key.replace(/^\/+/, '').replace(/\//g, '.') : key;
}

export function parseSysctl(words: readonly string[]): LinuxOp {
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
