/**
 * The `bridge` tool of iproute2 (bridge/bridge.c, fdb.c, vlan.c): `bridge fdb show` and
 * `bridge vlan add|del|show`. Like the real tool, `fdb show` and `vlan add|del` ignore words they do
 * not know.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { Argv, duparg, matches } from './iproute-args.js';

const BRIDGE_SUPPORTED = 'bridge fdb show, bridge vlan add|del|show';

const OBJECTS = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor', 'help'] as const;

/** C `atoi`: leading blanks, a sign, digits; whatever follows is ignored; no digits is 0. */
function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

export function parseBridge(words: readonly string[]): LinuxOp {
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) {
    const opt = words[i]!;
    if (matches(opt, '-color') || matches(opt, '-colour')) {
      i++;
      continue;
    }
    if (matches(opt, '-help')) refuse('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { fdb | vlan }');
    refuse(notSupported(`bridge ${opt}`, BRIDGE_SUPPORTED));
  }
  const object = words[i];
  if (object === undefined) refuse('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { fdb | vlan }');
  const name = OBJECTS.find((o) => matches(object, o));
  const rest = words.slice(i + 1);
  if (name === 'fdb') return parseFdb(rest);
  if (name === 'vlan') return parseVlan(rest);
  if (name === 'help') refuse('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { fdb | vlan }');
  if (name !== undefined) refuse(notSupported(`bridge ${name}`, BRIDGE_SUPPORTED));
  return refuse(`Object "${object}" is unknown, try "bridge help".`);
}

function parseFdb(words: readonly string[]): LinuxOp {
  const [command, ...rest] = words;
  if (command === undefined) return fdbShow([]);
  for (const other of ['add', 'append', 'replace', 'delete', 'get', 'flush']) {
    if (matches(command, other)) refuse(notSupported(`bridge fdb ${other}`, BRIDGE_SUPPORTED));
  }
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) return fdbShow(rest);
  if (matches(command, 'help')) refuse('Usage: bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ] ]');
  return refuse(`Command "${command}" is unknown, try "bridge fdb help".`);
}

function fdbShow(words: readonly string[]): LinuxOp {
  let bridge: string | null = null;
  let dev: string | null = null;
  let vlan: number | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'brport' || w === 'dev') {
      dev = a.nextArg();
    } else if (w === 'br') {
      bridge = a.nextArg();
    } else if (w === 'vlan') {
      const v = a.nextArg();
      if (vlan) duparg('vlan', v);
      vlan = atoi(v) || null;
    } else if (w === 'state') {
      refuse(notSupported('bridge fdb show state', 'bridge fdb show [br BR] [brport DEV] [vlan VID]'));
    } else if (matches(w, 'help')) {
      refuse('Usage: bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ] ]');
    }
  }
  return { kind: 'show', what: { of: 'fdb', bridge, dev, vlan } };
}

function parseVlan(words: readonly string[]): LinuxOp {
  const [command, ...rest] = words;
  if (command === undefined) return vlanShow([]);
  if (matches(command, 'add')) return vlanModify('bridge-vlan-add', rest);
  if (matches(command, 'delete')) return vlanModify('bridge-vlan-del', rest);
  for (const other of ['set', 'tunnelshow', 'global']) {
    if (matches(command, other)) refuse(notSupported(`bridge vlan ${other}`, BRIDGE_SUPPORTED));
  }
  if (matches(command, 'show') || matches(command, 'lst') || matches(command, 'list')) return vlanShow(rest);
  if (matches(command, 'help')) refuse('Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ pvid ] [ untagged ]\n                                                     [ self ] [ master ]\n       bridge vlan { show } [ dev DEV ]');
  return refuse(`Command "${command}" is unknown, try "bridge vlan help".`);
}

function vlanModify(kind: 'bridge-vlan-add' | 'bridge-vlan-del', words: readonly string[]): LinuxOp {
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
  if (vid >= 4096 || vid < -1) refuse(`Invalid VLAN ID "${vid & 0xffff}"`);
  if (range) {
    if (vidEnd === -1 || vidEnd >= 4096 || vid >= vidEnd) refuse(`Invalid VLAN range "${vid}-${vidEnd & 0xffff}"`);
    if (pvid) refuse('pvid cannot be configured for a vlan range');
  }
  const last = range ? vidEnd : vid;
  return kind === 'bridge-vlan-add'
    ? { kind, dev, vid, vidEnd: last, pvid, untagged, self, master }
    : { kind, dev, vid, vidEnd: last, self, master };
}

function vlanShow(words: readonly string[]): LinuxOp {
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
