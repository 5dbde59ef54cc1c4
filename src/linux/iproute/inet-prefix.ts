/**
 * IPv4 addresses and prefixes as iproute2 reads them (lib/utils.c `get_prefix`, `get_addr`):
 * `default`/`any`/`all`, shortened forms (`10/8` is 10.0.0.0/8), dotted masks (`/255.255.255.0`), and
 * the "any valid prefix is expected" complaint for the rest. IPv6 is not modelled.
 * Invariant: a mask is taken only when its ones are contiguous, as `mask2bits` does.
 */
import { parseUnsigned } from '../core/args.js';
import { notSupported, refuse } from '../core/errors.js';
import type { Ipv4Address, Ipv4Cidr } from '../../wire/ipv4-address.js';

/** The family the words so far imply: it names the complaint ("inet" or "any valid"). */
export type Family = 'inet' | 'unspec';

function familyName(family: Family): string {
  return family === 'inet' ? 'inet' : 'any valid';
}

/** `get_addr_ipv4`: one to four parts, each a C number up to 255; missing parts are zero. */
function ipv4(text: string): Ipv4Address | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    const n = part === undefined ? 0 : parseUnsigned(part, 255);
    if (n === null) return null;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function prefixLengthOf(text: string): number | null {
  const n = parseUnsigned(text, 32);
  if (n !== null) return n;
  const mask = ipv4(text);
  if (mask === null || text.split('.').length !== 4) return null;
  const length = Math.clz32(~mask); // the mask's leading ones
  const rebuilt = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return rebuilt === mask ? length : null;
}

function refuseIpv6(text: string): never {
  return refuse(notSupported(`IPv6 address "${text}"`));
}

/** `get_prefix`: a destination or an interface address. */
export function parsePrefix(text: string, family: Family): Ipv4Cidr {
  if (text === 'default' || text === 'any' || text === 'all') return { address: 0, prefixLength: 0 };
  if (text.includes(':')) refuseIpv6(text);
  const slash = text.indexOf('/');
  const address = ipv4(slash < 0 ? text : text.slice(0, slash));
  const prefixLength = slash < 0 ? 32 : prefixLengthOf(text.slice(slash + 1));
  if (address === null || prefixLength === null) {
    return refuse(`Error: ${familyName(family)} prefix is expected rather than "${text}".`);
  }
  return { address, prefixLength };
}

/** `get_addr`: a single address such as a gateway. */
export function parseAddress(text: string, family: Family): Ipv4Address {
  if (text.includes(':')) refuseIpv6(text);
  const address = ipv4(text);
  if (address === null) return refuse(`Error: ${familyName(family)} address is expected rather than "${text}".`);
  return address;
}
