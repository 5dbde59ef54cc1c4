/**
 * `ifconfig DEV up|down|promisc|-promisc|mtu N` of net-tools: the older way to flip a link, through
 * the SIOCSIF* ioctls, whose failures it prints as `SIOCSIFxxx: <errno text>`.
 * Invariant: addresses through ifconfig, and its listings, are refused (use `ip addr`, `ip link`).
 */
import { MAX_MTU, MIN_MTU, parseInteger } from './core/args.js';
import { notSupported, refuse, strerror } from './core/errors.js';
import type { LinuxKernel } from './core/kernel.js';
import { failed, succeeded, type CommandResult } from './core/result.js';

export interface IfconfigOp {
  readonly kind: 'link-set';
  readonly tool: 'ifconfig';
  readonly dev: string;
  readonly up?: boolean;
  readonly mtu?: number;
  readonly promisc?: boolean;
}

const IFCONFIG_SUPPORTED = 'ifconfig DEV up|down|promisc|-promisc|mtu N';

export function parseIfconfig(words: readonly string[]): IfconfigOp {
  const [dev, ...rest] = words;
  if (dev === undefined || dev.startsWith('-') || rest.length === 0) {
    refuse(notSupported(`ifconfig${dev === undefined ? '' : ` ${dev}`} (listing)`, `ip link show, ip addr show; ${IFCONFIG_SUPPORTED}`));
  }
  let up: boolean | undefined;
  let promisc: boolean | undefined;
  let mtu: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'up' || w === 'down') up = w === 'up';
    else if (w === 'promisc' || w === '-promisc') promisc = w === 'promisc';
    else if (w === 'mtu') {
      const v = rest[++i];
      const n = v === undefined ? null : parseInteger(v);
      if (n === null) refuse(`ifconfig: \`--help' gives usage information.`);
      mtu = n;
    } else refuse(notSupported(`ifconfig ${dev} ${w}`, `${IFCONFIG_SUPPORTED}; ip addr add for addresses`));
  }
  return {
    kind: 'link-set',
    tool: 'ifconfig',
    dev,
    ...(up !== undefined && { up }),
    ...(promisc !== undefined && { promisc }),
    ...(mtu !== undefined && { mtu }),
  };
}

export function runIfconfig(kernel: LinuxKernel, op: IfconfigOp): CommandResult {
  if (!kernel.link(op.dev)) return failed(`${op.dev}: ERROR while getting interface flags: ${strerror('ENODEV')}`);
  if (op.mtu !== undefined) {
    const e = op.mtu < MIN_MTU || op.mtu > MAX_MTU ? 'EINVAL' : kernel.setMtu(op.dev, op.mtu);
    if (e) return failed(`SIOCSIFMTU: ${strerror(e)}`);
  }
  if (op.promisc !== undefined) {
    const e = kernel.setPromisc(op.dev, op.promisc);
    if (e) return failed(`SIOCSIFFLAGS: ${strerror(e)}`);
  }
  if (op.up !== undefined) {
    const e = kernel.setUp(op.dev, op.up);
    if (e) return failed(`SIOCSIFFLAGS: ${strerror(e)}`);
  }
  return succeeded();
}
