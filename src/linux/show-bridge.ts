/**
 * `bridge fdb show` and `bridge vlan show` in iproute2's layout (bridge/fdb.c `print_fdb`,
 * bridge/vlan.c): one forwarding entry per line; per port, one VID per line with its flags.
 */
import { noDeviceMessage } from './iproute-args.js';
import type { FdbView, LinuxKernel } from './kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './result.js';
import { formatMac } from '../wire/mac.js';

function ifindexOf(kernel: LinuxKernel, name: string): number {
  return kernel.link(name)?.ifindex ?? Number.MAX_SAFE_INTEGER;
}

/** `MAC dev PORT [vlan VID] master BR [permanent]`; `dev` is left out when filtering by port. */
function fdbLine(f: FdbView, byPort: boolean): string {
  const parts = [formatMac(f.mac)];
  if (!byPort) parts.push(`dev ${f.port}`);
  if (f.vid !== null) parts.push(`vlan ${f.vid}`);
  parts.push(`master ${f.bridge}`);
  if (f.local) parts.push('permanent');
  return parts.join(' ');
}

export function showFdb(kernel: LinuxKernel, bridge: string | null, dev: string | null, vlan: number | null): CommandResult {
  if (bridge !== null && !kernel.link(bridge)) return failed(`Cannot find bridge device "${bridge}"`);
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  // The kernel dumps device by device, in ifindex order.
  const entries = kernel.fdb(bridge ?? undefined)
    .filter((f) => (dev === null || f.port === dev) && (vlan === null || f.vid === vlan))
    .map((f, i) => ({ f, i, index: ifindexOf(kernel, f.port) }))
    .sort((a, b) => a.index - b.index || a.i - b.i)
    .map(({ f }) => fdbLine(f, dev !== null));
  return succeeded(printLines(entries));
}

const PORT_COLUMN = 16;

export function showBridgeVlans(kernel: LinuxKernel, dev: string | null): CommandResult {
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  const vlans = kernel.bridgeVlans();
  const lines = [`${'port'.padEnd(PORT_COLUMN)}  vlan-id`];
  const links = [...kernel.links()].sort((a, b) => a.ifindex - b.ifindex);
  for (const link of links) {
    if (dev !== null && link.ifname !== dev) continue;
    const own = vlans.filter((v) => v.dev === link.ifname).sort((a, b) => a.vid - b.vid);
    own.forEach((v, i) => {
      const port = (i === 0 ? link.ifname : '').padEnd(PORT_COLUMN);
      lines.push(`${port}  ${v.vid}${v.pvid ? ' PVID' : ''}${v.untagged ? ' Egress Untagged' : ''}`);
    });
  }
  return succeeded(printLines(lines));
}
