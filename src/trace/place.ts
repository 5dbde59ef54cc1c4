/**
 * Where a trace record happened. A place has a stable human name (`host1/tap0`, `sw1/p3`, `vm1`)
 * that traces, reports and the visualizer use, and a numeric id that only the trace hash mixes
 * (names are for people, ids are cheap). A device's name is its host's name, a slash and its own.
 */

/** Anything that appears in a trace: a netdev, a switch port, a bridge, a node, a cable. */
export interface Place {
  readonly id: number;
  readonly name: string;
}

/** The host (or switch, or VM) a place name belongs to: `host1` for `host1/vnet1`, itself when it has no slash. */
export function hostOf(place: string): string {
  const k = place.indexOf('/');
  return k < 0 ? place : place.slice(0, k);
}
