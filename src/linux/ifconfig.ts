/**
 * `ifconfig DEV up|down|promisc|-promisc|mtu N` of net-tools: the older way to flip a link. Addresses
 * through ifconfig are not modelled (use `ip addr add`).
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { parseInteger } from './iproute-args.js';

const IFCONFIG_SUPPORTED = 'ifconfig DEV up|down|promisc|-promisc|mtu N';

export function parseIfconfig(words: readonly string[]): LinuxOp {
  const [dev, ...rest] = words;
  if (dev === undefined || dev.startsWith('-') || rest.length === 0) {
    refuse(notSupported(`ifconfig${dev === undefined ? '' : ` ${dev}`} (listing)`, `ip link show, ip addr show; ${IFCONFIG_SUPPORTED}`));
  }
  let up: boolean | undefined;
  let promisc: boolean | undefined;
  let mtu: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
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
