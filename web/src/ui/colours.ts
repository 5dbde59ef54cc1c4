/** Colours: protocols, tenants (a tenant named after a colour gets that colour), devices. */
import { PROTOCOLS, type ProtocolName } from '../model/kinds.js';

export const PROTOCOL_COLOURS: Record<ProtocolName, string> = {
  arp: '#f59e0b',
  icmp: '#2563eb',
  udp: '#059669',
  tcp: '#7c3aed',
  stp: '#64748b',
  ipv4: '#0891b2',
  other: '#db2777',
};

export const PROTOCOL_LABELS: Record<ProtocolName, string> = {
  arp: 'ARP', icmp: 'ICMP', udp: 'UDP', tcp: 'TCP', stp: 'STP', ipv4: 'IPv4', other: 'other',
};

/** An unplugged cable: its dashed line, and the ✕ at its middle. */
export const UNPLUGGED_LINE = '#a3adbb';
export const UNPLUGGED_MARK = '#be123c';
/** A live migration: the paused VM's way to its new host, its label. */
export const MIGRATION = '#0f766e';

export function protocolColour(p: number): string {
  return PROTOCOL_COLOURS[PROTOCOLS[p] ?? 'other'];
}

const NAMED: Record<string, string> = {
  blue: '#2563eb', red: '#dc2626', green: '#16a34a', orange: '#ea580c', purple: '#9333ea', violet: '#7c3aed',
  yellow: '#ca8a04', gold: '#ca8a04', pink: '#db2777', teal: '#0d9488', cyan: '#0891b2', brown: '#92400e',
  grey: '#4b5563', gray: '#4b5563', black: '#111827', indigo: '#4f46e5', lime: '#65a30d',
};
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4f46e5', '#0d9488', '#65a30d', '#92400e'];

/** Stable colours for a scenario's tenants (sorted names). */
export function tenantColours(tenants: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  const used = new Set<string>();
  for (const t of tenants) {
    const c = NAMED[t.toLowerCase()];
    if (c && !used.has(c)) { m.set(t, c); used.add(c); }
  }
  let k = 0;
  for (const t of tenants) {
    if (m.has(t)) continue;
    let c = PALETTE[k++ % PALETTE.length]!;
    for (let guard = 0; used.has(c) && guard < PALETTE.length; guard++) c = PALETTE[k++ % PALETTE.length]!;
    m.set(t, c);
    used.add(c);
  }
  return m;
}

export const NO_TENANT = '#64748b';

/** A light tint of a #rrggbb colour. */
export function tint(hex: string, amount = 0.85): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return `rgb(${mix((n >> 16) & 255)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
}
