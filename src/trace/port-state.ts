/**
 * The IEEE 802.1D-1998 port states (clause 8.4) and the roles a port plays in the spanning tree.
 * Only a forwarding port relays data frames; a learning port also fills the FDB; blocking and
 * listening ports take part in the protocol (they receive BPDUs) but pass no data. Spanning tree
 * records carry these words into traces as they are, so they never change.
 */
export type PortState = 'disabled' | 'blocking' | 'listening' | 'learning' | 'forwarding';

/**
 * Classic STP names two roles (root port, designated port); every other enabled port is
 * non-designated and ends up blocking. A port whose link is down is disabled.
 */
export type PortRole = 'root' | 'designated' | 'non-designated' | 'disabled';

/** True for the states a converged tree keeps: nothing is waiting on a forward delay timer. */
export function isSteady(state: PortState): boolean {
  return state === 'forwarding' || state === 'blocking' || state === 'disabled';
}
