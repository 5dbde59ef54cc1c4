/** An IPv4 address held as an unsigned 32-bit number. */
export type Ipv4Address = number;

export interface Ipv4Cidr {
  readonly address: Ipv4Address;
  readonly prefixLength: number;
}

export const IPV4_BROADCAST: Ipv4Address = 0xffffffff;

export function formatIpv4(a: Ipv4Address): string {
  return `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** Parses dotted-quad notation; null when malformed. */
export function parseIpv4(text: string): Ipv4Address | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return null;
    v = v * 256 + o;
  }
  return v >>> 0;
}

/** Parses `10.0.0.1/24` (a bare address counts as /32); null when malformed. */
export function parseCidr(text: string): Ipv4Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return null;
  const address = parseIpv4(addr);
  if (address === null) return null;
  if (len === undefined) return { address, prefixLength: 32 };
  if (!/^\d{1,2}$/.test(len)) return null;
  const prefixLength = Number(len);
  if (prefixLength > 32) return null;
  return { address, prefixLength };
}

export function formatCidr(c: Ipv4Cidr): string {
  return `${formatIpv4(c.address)}/${c.prefixLength}`;
}

export function prefixMask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function networkOf(c: Ipv4Cidr): Ipv4Address {
  return (c.address & prefixMask(c.prefixLength)) >>> 0;
}

export function inSubnet(a: Ipv4Address, c: Ipv4Cidr): boolean {
  const m = prefixMask(c.prefixLength);
  return ((a & m) >>> 0) === ((c.address & m) >>> 0);
}

export function directedBroadcast(c: Ipv4Cidr): Ipv4Address {
  return (networkOf(c) | (~prefixMask(c.prefixLength) >>> 0)) >>> 0;
}
