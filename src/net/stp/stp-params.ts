/**
 * The protocol's numbers: default and allowed timer values, the port path cost a link speed gets,
 * and the 1/256-second unit BPDUs carry times in.
 */
import { SECOND, type Nanos } from '../../engine/time.js';

/** 802.1D-1998 Table 8-3 defaults, which Linux uses too. */
export const DEFAULT_HELLO_TIME: Nanos = 2 * SECOND;
export const DEFAULT_MAX_AGE: Nanos = 20 * SECOND;
export const DEFAULT_FORWARD_DELAY: Nanos = 15 * SECOND;
export const DEFAULT_BRIDGE_PRIORITY = 0x8000;
/** Linux's default port priority (its 6-bit field: 32 << 10 = 0x8000 in the port id). */
export const DEFAULT_PORT_PRIORITY = 32;
/** Least time between two configuration BPDUs on one port (802.1D-1998 Table 8-3, Linux BR_HOLD_TIME). */
export const HOLD_TIME: Nanos = SECOND;

/** The kernel's ranges (net/bridge/br_private.h); setting outside them is ERANGE. */
export const HELLO_TIME_RANGE = { min: SECOND, max: 10 * SECOND } as const;
export const MAX_AGE_RANGE = { min: 6 * SECOND, max: 40 * SECOND } as const;
export const FORWARD_DELAY_RANGE = { min: 2 * SECOND, max: 30 * SECOND } as const;
export const PATH_COST_RANGE = { min: 1, max: 65535 } as const;
export const MAX_PORT_PRIORITY = 63;
export const MAX_BRIDGE_PRIORITY = 65535;

/** Linux packs the port id as priority (6 bits) << 10 | port number (10 bits). */
const PORT_BITS = 10;

export function makePortId(priority: number, portNo: number): number {
  return ((priority << PORT_BITS) | (portNo & ((1 << PORT_BITS) - 1))) & 0xffff;
}

/** BPDU times are in units of 1/256 s (802.1D-1998 9.2.8): exactly 3,906,250 ns. */
export const NS_PER_BPDU_UNIT = SECOND / 256;

export function toBpduUnits(ns: Nanos): number {
  return Math.min(0xffff, Math.floor(ns / NS_PER_BPDU_UNIT));
}

export function fromBpduUnits(units: number): Nanos {
  return units * NS_PER_BPDU_UNIT;
}

/**
 * What each hop adds to a BPDU's message age on top of the real age of the root's information:
 * one BPDU time unit, as Linux does (its MESSAGE_AGE_INCR is the smallest step it can express).
 */
export const MESSAGE_AGE_INCREMENT: Nanos = NS_PER_BPDU_UNIT;

/**
 * The path cost Linux gives a port from its link speed (net/bridge/br_if.c port_cost): the
 * 802.1D-1998 short costs, 100 for 10 Mb/s, 19 for 100 Mb/s, 4 for 1 Gb/s, 2 for 10 Gb/s;
 * 1 above 10 Gb/s; 100 when the speed is unknown or not a standard one.
 */
export function pathCostForSpeed(bitsPerSecond: number | null): number {
  if (bitsPerSecond === null || !Number.isFinite(bitsPerSecond)) return 100;
  switch (bitsPerSecond) {
    case 10e9: return 2;
    case 5e9: return 3;
    case 2.5e9: return 4;
    case 1e9: return 4;
    case 100e6: return 19;
    case 10e6: return 100;
    default: return bitsPerSecond > 10e9 ? 1 : 100;
  }
}
