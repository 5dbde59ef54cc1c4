/**
 * The records of the network changing shape during a run: a cable pulled or plugged back in, a VM
 * live-migrated, a host's devices made, deleted, enslaved, released. The visualizer redraws the
 * network from them, so a trace line of these kinds that lacks a field is refused, not guessed.
 */
import { HOST_DEVICE_KINDS, type DeviceKind } from './device-kind.js';
import { field } from './field.js';
import { defineKind } from './kind-entry.js';
import { hostOf, type Place } from './place.js';

/** A cable (`at`, named `a<->b`) was unplugged (`up` false) or plugged back in (a timeline `unplug` / `plug`). */
interface CableRecord { readonly kind: 'cable'; readonly t: number; readonly at: Place; readonly up: boolean }

/**
 * Live migration of VM `at` from TAP `from` (on its old host) to TAP `to` (on its new one): it
 * `stopped` on the old host, and after the downtime `resumed` on the new one.
 */
interface MigrateRecord { readonly kind: 'migrate'; readonly t: number; readonly at: Place; readonly event: MigrateEvent; readonly from: Place; readonly to: Place }
type MigrateEvent = (typeof MIGRATE_EVENTS)[number];
const MIGRATE_EVENTS = ['stopped', 'resumed'] as const;

/**
 * A host's devices changed while the run went on (a timeline command, or a migration making a
 * TAP): device `at` of host `host` was `added` (of kind `type`; a VLAN sub-interface's `peer` is
 * its parent) or `removed`, or `enslaved` to bridge `peer` or `released` from it. (Start-up
 * commands run before the trace starts: the trace header's topology is what they built.)
 */
interface NetdevRecord {
  readonly kind: 'netdev'; readonly t: number; readonly at: Place; readonly host: Place;
  readonly event: NetdevEvent; readonly type: DeviceKind; readonly peer: Place | null;
}
type NetdevEvent = (typeof NETDEV_EVENTS)[number];
/** A netdev record's events, in the order the visualizer numbers them. */
export const NETDEV_EVENTS = ['added', 'removed', 'enslaved', 'released'] as const;

export type ChangeRecord = CableRecord | MigrateRecord | NetdevRecord;

export const cable = defineKind<CableRecord>()({
  kind: 'cable',
  fields: [field('up', 'bool', 'a')],
  hash(r, h) {
    h.mix(r.up ? 1 : 0);
  },
  // The row reads "cable A<->B unplugged": kind, cable, what happened to it.
  text: (j) => (j.up === true ? 'plugged back in' : 'unplugged'),
  refuse: 'a cable record needs "up": true (plugged in) or false (unplugged)',
});

export const migrate = defineKind<MigrateRecord>()({
  kind: 'migrate',
  fields: [field('event', 'enum', 'a', { values: MIGRATE_EVENTS }), field('from', 'place', 'b'), field('to', 'place', 'to')],
  hash(r, h) {
    h.mixString(r.event); h.mix(r.from.id); h.mix(r.to.id);
  },
  // "migrate vm1 stopped on host1 (leaves host1/vnet1)", then "... resumed on host2 behind host2/vnet1".
  text: (j) => (j.event === 'resumed' ? `resumed on ${hostOf(j.to ?? '')} behind ${j.to ?? ''}` : `stopped on ${hostOf(j.from ?? '')} (leaves ${j.from ?? ''})`),
  refuse: 'a migrate record needs "at" (the VM), "event": "stopped" or "resumed", "from" (the TAP it leaves) and "to" (the TAP it runs behind after)',
});

export const netdev = defineKind<NetdevRecord>()({
  kind: 'netdev',
  fields: [
    field('event', 'enum', 'a', { values: NETDEV_EVENTS }), field('host', 'place', 'c'),
    field('type', 'enum', 'b', { values: HOST_DEVICE_KINDS }), field('peer', 'place', 'to', { optional: true }),
  ],
  hash(r, h) {
    h.mixString(r.event); h.mixString(r.type); h.mix(r.host.id); h.mix(r.peer === null ? 0 : r.peer.id);
  },
  // "netdev host3/br100 bridge added", "... enslaved to host3/br100", "... released from host1/br0", "... removed".
  text(j) {
    const type = j.type ?? '?', peer = j.peer ?? '';
    switch (j.event) {
      case 'added': return peer === '' ? `${type} added` : `${type} added on ${peer}`;
      case 'removed': return `${type} removed`;
      case 'enslaved': return `enslaved to ${peer}`;
      default: return `released from ${peer}`;
    }
  },
  refuse: 'a netdev record needs "at" (the device), "host", "event": "added", "removed", "enslaved" or "released", '
    + '"type": "bridge", "tap", "vlan" or "nic", and "peer" (the bridge) when enslaved or released',
  // Enslaving and releasing name the bridge.
  check: (j) => (j.event === 'enslaved' || j.event === 'released' ? j.peer !== undefined : true),
});
