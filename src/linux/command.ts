/**
 * What a configuration line asks of a host, as a typed operation: the union of what each tool's
 * parser gives (each tool's file defines its own operations and the views it prints).
 * `parseCommand` turns a line into one `LinuxOp`; `runCommand` applies it to a `LinuxKernel`.
 * Invariant: where two tools can ask for the same thing (`brctl addbr` and `ip link add type
 * bridge`), the op keeps `tool`, so a failure is reported in the words of the tool the user typed.
 */
import type { BridgeToolOp } from './bridge/bridge.js';
import type { BrctlOp } from './brctl/cmd.js';
import type { BrctlShow } from './brctl/disp.js';
import type { IfconfigOp } from './ifconfig.js';
import type { IptablesOp } from './iptables.js';
import type { IpOp } from './iproute/ip.js';
import type { SysctlOp } from './sysctl.js';
import type { VconfigOp } from './vconfig.js';
import type { VirshOp } from './virsh.js';

export type LinuxOp =
  /** A blank line or a comment. */
  | { readonly kind: 'nop' }
  | BrctlOp | { readonly kind: 'show'; readonly what: BrctlShow }
  | IpOp
  | BridgeToolOp
  | VconfigOp
  | IfconfigOp
  | SysctlOp
  | IptablesOp
  | VirshOp;

/** The read-only views the show commands print, each defined by the tool that prints it. */
export type Show = Extract<LinuxOp, { kind: 'show' }>['what'];

/**
 * A command run to look at something (`brctl showmacs`, `bridge fdb show`, `ip neigh`,
 * `iptables -t nat -S`, `sysctl KEY`): what it prints is what the user asked for. Commands that
 * change something and confirm it (`vconfig add` says "Added VLAN ...") are not.
 */
export function looksAtState(op: LinuxOp): boolean {
  return op.kind === 'show' || op.kind === 'nat-show' || (op.kind === 'sysctl' && op.items.every((i) => i.op === 'read'));
}
