/**
 * The `bridge` tool of iproute2 (bridge/bridge.c): global options, then the object, matched by
 * prefix in the tool's own table order; `fdb` and `vlan` are modelled (fdb.ts, vlan.ts).
 * Invariant: an object the real tool knows but vnetsim does not is refused by name, never guessed.
 */
import { matches } from '../core/args.js';
import { notSupported, refuse, refuseUnknown } from '../core/errors.js';
import { BRIDGE_SUPPORTED, parseFdb, type FdbShow } from './fdb.js';
import { parseVlan, type BridgeVlanOp, type BridgeVlanShow } from './vlan.js';

const OBJECTS = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor', 'help'] as const;

const USAGE = 'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { fdb | vlan }';

export type BridgeToolOp = BridgeVlanOp | { readonly kind: 'show'; readonly what: FdbShow | BridgeVlanShow };

export function parseBridge(words: readonly string[]): BridgeToolOp {
  let i = 0;
  for (let opt = words[i]; opt?.startsWith('-'); opt = words[i]) {
    if (matches(opt, '-color') || matches(opt, '-colour')) {
      i++;
      continue;
    }
    if (matches(opt, '-help')) refuse(USAGE);
    refuse(notSupported(`bridge ${opt}`, BRIDGE_SUPPORTED));
  }
  const object = words[i];
  if (object === undefined) refuse(USAGE);
  const name = OBJECTS.find((o) => matches(object, o));
  const rest = words.slice(i + 1);
  if (name === 'fdb') return parseFdb(rest);
  if (name === 'vlan') return parseVlan(rest);
  if (name === 'help') refuse(USAGE);
  if (name !== undefined) refuse(notSupported(`bridge ${name}`, BRIDGE_SUPPORTED));
  return refuseUnknown(`Object "${object}" is unknown, try "bridge help".`, object, OBJECTS);
}
