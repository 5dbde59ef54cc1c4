/**
 * `bridge vlan add|del|show` (iproute2's bridge/vlan.c): how it reads its words, what add and del
 * do to a port's (or, with `self`, the bridge's own) VLAN membership, PVID and egress tagging, and
 * how `show` prints it (per port, one VID a line with its flags). Invariants: like the real tool,
 * add and del ignore words they do not know; VID 0 and 4095 are reserved and the kernel refuses
 * them; a range is applied one VID at a time and stops at the first refusal.
 */
import { Argv, atoi, duparg, matches, MAX_VID, MIN_VID, noDeviceMessage, VLAN_N_VID } from '../core/args.js';
import { notSupported, refuse, refuseUnknown, rtnetlink } from '../core/errors.js';
import type { LinuxKernel } from '../core/kernel.js';
import { failed, printLines, succeeded, type CommandResult } from '../core/result.js';
import { BRIDGE_SUPPORTED } from './fdb.js';

/** `bridge vlan add|del dev DEV vid N[-M] [pvid] [untagged] [self] [master]` */
export type BridgeVlanOp =
  | {
      readonly kind: 'bridge-vlan-add';
      readonly dev: string;
      readonly vid: number;
      /** Last VID of a range `vid 10-20`; equals `vid` for one VID. */
      readonly vidEnd: number;
      readonly pvid: boolean;
      readonly untagged: boolean;
      readonly self: boolean;
      readonly master: boolean;
    }
  | { readonly kind: 'bridge-vlan-del'; readonly dev: string; readonly vid: number; readonly vidEnd: number; readonly self: boolean; readonly master: boolean };

/** `bridge vlan show [dev DEV]` */
export interface BridgeVlanShow {
  readonly of: 'bridge-vlans';
  readonly dev: string | null;
}

const USAGE = 'Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ pvid ] [ untagged ]\n'
  + '                                                     [ self ] [ master ]\n'
  + '       bridge vlan { show } [ dev DEV ]';

/** The commands `bridge vlan` knows, in its own matching order (for a typo's guess). */
const COMMANDS: readonly string[] = ['add', 'delete', 'set', 'tunnelshow', 'global', 'show', 'list', 'lst', 'help'];

export function parseVlan(words: readonly string[]): BridgeVlanOp | { readonly kind: 'show'; readonly what: BridgeVlanShow } {
  const [command, ...rest] = words;
  if (command === undefined) return show([]);
  if (matches(command, 'add')) return modify('bridge-vlan-add', rest);
  if (matches(command, 'delete')) return modify('bridge-vlan-del', rest);
  for (const other of ['set', 'tunnelshow', 'global']) {
    if (matches(command, other)) refuse(notSupported(`bridge vlan ${other}`, BRIDGE_SUPPORTED));
  }
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) return show(rest);
  if (matches(command, 'help')) refuse(USAGE);
  return refuseUnknown(`Command "${command}" is unknown, try "bridge vlan help".`, command, COMMANDS);
}

function modify(kind: BridgeVlanOp['kind'], words: readonly string[]): BridgeVlanOp {
  let dev: string | null = null;
  let vid = -1;
  let vidEnd = -1;
  let range = false;
  let pvid = false;
  let untagged = false;
  let self = false;
  let master = false;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev') {
      dev = a.nextArg();
    } else if (w === 'vid') {
      const v = a.nextArg();
      const dash = v.indexOf('-');
      range = dash >= 0;
      vid = atoi(range ? v.slice(0, dash) : v);
      vidEnd = range ? atoi(v.slice(dash + 1)) : -1;
    } else if (w === 'self') {
      self = true;
    } else if (w === 'master') {
      master = true;
    } else if (w === 'pvid') {
      pvid = true;
    } else if (w === 'untagged') {
      untagged = true;
    } else if (w === 'tunnel_info') {
      refuse(notSupported('bridge vlan ... tunnel_info', 'dev DEV vid VID [pvid] [untagged] [self] [master]'));
    } else if (matches(w, 'help')) {
      a.nextArg();
    }
  }
  if (dev === null || vid === -1) refuse('Device and VLAN ID are required arguments.');
  if (vid >= VLAN_N_VID || vid < -1) refuse(`Invalid VLAN ID "${vid & 0xffff}"`);
  if (range) {
    if (vidEnd === -1 || vidEnd >= VLAN_N_VID || vid >= vidEnd) refuse(`Invalid VLAN range "${vid}-${vidEnd & 0xffff}"`);
    if (pvid) refuse('pvid cannot be configured for a vlan range');
  }
  const last = range ? vidEnd : vid;
  return kind === 'bridge-vlan-add'
    ? { kind, dev, vid, vidEnd: last, pvid, untagged, self, master }
    : { kind, dev, vid, vidEnd: last, self, master };
}

function show(words: readonly string[]): { readonly kind: 'show'; readonly what: BridgeVlanShow } {
  let dev: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev') {
      const v = a.nextArg();
      if (dev !== null) duparg('dev', v);
      dev = v;
    } else if (w === 'vid') {
      refuse(notSupported('bridge vlan show vid', 'bridge vlan show [dev DEV]'));
    }
  }
  return { kind: 'show', what: { of: 'bridge-vlans', dev } };
}

export function runBridgeVlan(kernel: LinuxKernel, op: BridgeVlanOp): CommandResult {
  const link = kernel.link(op.dev);
  if (!link) return failed(`Cannot find bridge device "${op.dev}"`);
  if (op.vid < MIN_VID || op.vidEnd > MAX_VID) return failed(rtnetlink('EINVAL'));
  // No flag means `master`: the request goes to the bridge above the device.
  const toMaster = op.master || !op.self;
  const toSelf = op.self;
  if (toMaster && link.master === null) return failed(rtnetlink('EOPNOTSUPP'));
  if (toSelf && link.kind !== 'bridge') return failed(rtnetlink('EOPNOTSUPP'));
  for (let vid = op.vid; vid <= op.vidEnd; vid++) {
    const e = op.kind === 'bridge-vlan-add'
      ? kernel.bridgeVlanAdd(op.dev, vid, op.pvid, op.untagged)
      : kernel.bridgeVlanDel(op.dev, vid);
    if (e) return failed(rtnetlink(e));
  }
  return succeeded();
}

const PORT_COLUMN = 16;

export function printBridgeVlans(kernel: LinuxKernel, { dev }: BridgeVlanShow): CommandResult {
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
