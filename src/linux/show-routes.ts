/**
 * `ip route show`, `ip neigh show` and `ip tuntap show` in iproute2's layout (ip/iproute.c
 * `print_route`, ip/ipneigh.c `print_neigh`, ip/iptuntap.c).
 */
import { noDeviceMessage } from './iproute-args.js';
import type { LinuxKernel, NeighView, RouteView } from './kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './result.js';
import { formatIpv4 } from '../wire/ipv4-address.js';
import { formatMac } from '../wire/mac.js';

function destination(r: RouteView): string {
  if (r.prefixLength === 0) return 'default';
  return r.prefixLength === 32 ? formatIpv4(r.dest) : `${formatIpv4(r.dest)}/${r.prefixLength}`;
}

/** `ip route add` routes carry proto boot, which is not printed; connected routes say `proto kernel`. */
function routeLine(r: RouteView, kernel: LinuxKernel): string {
  const parts = [destination(r)];
  if (r.via !== null) parts.push(`via ${formatIpv4(r.via)}`);
  parts.push(`dev ${r.dev}`);
  if (r.proto === 'kernel') parts.push('proto kernel');
  if (r.via === null) parts.push('scope link');
  if (r.src !== null) parts.push(`src ${formatIpv4(r.src)}`);
  const link = kernel.link(r.dev);
  if (link && !link.lowerUp) parts.push('linkdown');
  return parts.join(' ');
}

export function showRoutes(kernel: LinuxKernel, dev: string | null): CommandResult {
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  // The main table as the FIB trie dumps it: by destination, shorter prefixes first.
  const routes = kernel.routes()
    .filter((r) => dev === null || r.dev === dev)
    .sort((a, b) => a.dest - b.dest || a.prefixLength - b.prefixLength);
  return succeeded(printLines(routes.map((r) => routeLine(r, kernel))));
}

function neighLine(n: NeighView): string {
  const lladdr = n.mac === null ? '' : ` lladdr ${formatMac(n.mac)}`;
  return `${formatIpv4(n.ip)} dev ${n.dev}${lladdr} ${n.state}`;
}

export function showNeighbours(kernel: LinuxKernel, dev: string | null): CommandResult {
  if (dev !== null && !kernel.link(dev)) return failed(noDeviceMessage(dev));
  const entries = kernel.neighbours().filter((n) => dev === null || n.dev === dev);
  return succeeded(printLines(entries.map(neighLine)));
}

/** Every TAP, with the flags of one made by `ip tuntap add` (no packet info, persistent). */
export function showTuntaps(kernel: LinuxKernel): CommandResult {
  const taps = kernel.links().filter((l) => l.kind === 'tap').map((l) => l.ifname).sort();
  return succeeded(printLines(taps.map((name) => `${name}: tap persist filter`)));
}
