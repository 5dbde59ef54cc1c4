/**
 * The read-only commands: which view each prints.
 */
import type { Show } from './command.js';
import type { LinuxKernel } from './kernel.js';
import type { CommandResult } from './result.js';
import { showBridgeVlans, showFdb } from './show-bridge.js';
import { showBrctlBridges, showBrctlMacs } from './show-brctl.js';
import { showBrctlStp } from './show-brctl-stp.js';
import { showLinks } from './show-links.js';
import { showNeighbours, showRoutes, showTuntaps } from './show-routes.js';

export function runShow(kernel: LinuxKernel, what: Show): CommandResult {
  switch (what.of) {
    case 'brctl-bridges':
      return showBrctlBridges(kernel, what.bridges);
    case 'brctl-macs':
      return showBrctlMacs(kernel, what.bridge);
    case 'brctl-stp':
      return showBrctlStp(kernel, what.bridge);
    case 'links':
      return showLinks(kernel, what.filter, false);
    case 'addresses':
      return showLinks(kernel, what.filter, true);
    case 'routes':
      return showRoutes(kernel, what.dev);
    case 'neighbours':
      return showNeighbours(kernel, what.dev);
    case 'tuntaps':
      return showTuntaps(kernel);
    case 'fdb':
      return showFdb(kernel, what.bridge, what.dev, what.vlan);
    case 'bridge-vlans':
      return showBridgeVlans(kernel, what.dev);
  }
}
