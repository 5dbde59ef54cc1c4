/**
 * `vconfig` of the vlan package (vconfig.c): `add IFACE VID` makes IFACE.VID (the default name type,
 * VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD), `rem IFACE.VID` removes it. The VID is read with `atoi`; the
 * kernel judges its range.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';

export const VCONFIG_USAGE = [
  'Usage: add             [interface-name] [vlan_id]',
  '       rem             [vlan-name]',
  '       set_flag        [interface-name] [flag-num]       [0 | 1]',
  '       set_egress_map  [vlan-name]      [skb_priority]   [vlan_qos]',
  '       set_ingress_map [vlan-name]      [skb_priority]   [vlan_qos]',
  '       set_name_type   [name-type]',
].join('\n');

function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

export function parseVconfig(words: readonly string[]): LinuxOp {
  const argc = words.length + 1;
  if (argc < 3 || argc > 5) refuse(`Expecting argc to be 3-5, inclusive.  Was: ${argc}\n\n${VCONFIG_USAGE}`);
  const command = words[0]!.toLowerCase();
  const ifname = words[1]!;
  if (command !== 'set_name_type' && ifname.length > 15) refuse('ERROR:  if_name must be 15 characters or less.');
  switch (command) {
    case 'add': {
      const vid = atoi(words[2] ?? '');
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
      return refuse(`Unknown command -:${words[0]}:-\n\n${VCONFIG_USAGE}`);
  }
}
