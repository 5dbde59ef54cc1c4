/**
 * `vconfig` of the vlan package (vconfig.c): `add IFACE VID` makes IFACE.VID (the default name type,
 * VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD) through the SIOCSIFVLAN ioctl, `rem IFACE.VID` removes it;
 * a line on stdout when it worked, `ERROR: trying to ...` with the errno text when it did not.
 * Invariant: the VID is read with `atoi` and printed unsigned; the range is judged at run time,
 * as the ioctl does (ERANGE), not at parse time.
 */
import { atoi, IFNAMSIZ, isValidVid } from './core/args.js';
import { notSupported, refuse, refuseUnknown, strerror, type SysErrno } from './core/errors.js';
import type { LinuxKernel } from './core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './core/result.js';

export type VconfigOp =
  | { readonly kind: 'vlan-add'; readonly tool: 'vconfig'; readonly parent: string; readonly name: string; readonly vid: number }
  /** `vconfig rem ETH.VID` */
  | { readonly kind: 'vlan-del'; readonly name: string };

const USAGE = [
  'Usage: add             [interface-name] [vlan_id]',
  '       rem             [vlan-name]',
  '       set_flag        [interface-name] [flag-num]       [0 | 1]',
  '       set_egress_map  [vlan-name]      [skb_priority]   [vlan_qos]',
  '       set_ingress_map [vlan-name]      [skb_priority]   [vlan_qos]',
  '       set_name_type   [name-type]',
].join('\n');

export function parseVconfig(words: readonly string[]): VconfigOp {
  const argc = words.length + 1;
  const [given = '', ifname = '', vidText = ''] = words;
  if (argc < 3 || argc > 5) refuse(`Expecting argc to be 3-5, inclusive.  Was: ${argc}\n\n${USAGE}`);
  const command = given.toLowerCase();
  if (command !== 'set_name_type' && ifname.length >= IFNAMSIZ) refuse('ERROR:  if_name must be 15 characters or less.');
  switch (command) {
    case 'add': {
      const vid = atoi(vidText);
      return { kind: 'vlan-add', tool: 'vconfig', parent: ifname, name: `${ifname}.${vid}`, vid };
    }
    case 'rem':
      return { kind: 'vlan-del', name: ifname };
    case 'set_flag':
    case 'set_egress_map':
    case 'set_ingress_map':
    case 'set_name_type':
      return refuse(notSupported(`vconfig ${command}`, 'vconfig add, rem'));
    default:
      return refuseUnknown(`Unknown command -:${given}:-\n\n${USAGE}`, given, ['add', 'rem', 'set_flag', 'set_egress_map', 'set_ingress_map', 'set_name_type']);
  }
}

export function runVconfig(kernel: LinuxKernel, op: VconfigOp): CommandResult {
  return op.kind === 'vlan-add' ? add(kernel, op.parent, op.name, op.vid) : rem(kernel, op.name);
}

function add(kernel: LinuxKernel, parent: string, name: string, vid: number): CommandResult {
  const shown = vid >>> 0; // vconfig prints the VID as unsigned (%u)
  const fail = (e: SysErrno): CommandResult =>
    failed(`ERROR: trying to add VLAN #${shown} to IF -:${parent}:-  error: ${strerror(e)}`);
  if (!kernel.link(parent)) return fail('ENODEV');
  if (!isValidVid(vid)) return fail('ERANGE');
  const e = kernel.addVlan(parent, name, vid);
  if (e) return fail(e);
  const lines = [`Added VLAN with VID == ${vid} to IF -:${parent}:-`];
  if (vid === 1) lines.push('WARNING:  VLAN 1 does not work with many switches,', 'consider another number if you have problems.');
  return succeeded(printLines(lines));
}

function rem(kernel: LinuxKernel, name: string): CommandResult {
  const fail = (e: SysErrno): CommandResult => failed(`ERROR: trying to remove VLAN -:${name}:- error: ${strerror(e)}`);
  const link = kernel.link(name);
  if (!link) return fail('ENODEV');
  if (link.kind !== 'vlan') return fail('EINVAL');
  const e = kernel.deleteLink(name);
  if (e) return fail(e);
  return succeeded(printLines([`Removed VLAN -:${name}:-`]));
}
