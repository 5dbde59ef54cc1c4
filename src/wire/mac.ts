/** A 48-bit MAC address held as a plain number (exact: 48 bits fit in a double). */
export type Mac = number;

export const BROADCAST_MAC: Mac = 0xffffffffffff;
const TWO_32 = 2 ** 32;
const TWO_40 = 2 ** 40;

/** Group (multicast or broadcast) addresses have the I/G bit, the low bit of the first octet, set. */
export function isGroupMac(mac: Mac): boolean {
  return (Math.floor(mac / TWO_40) & 1) === 1;
}

/**
 * The group bit of a frame's source or destination, for the datapath: the frame is passed, not the
 * MAC, because a MAC is a double to V8 and a double passed to a call that is not inlined is boxed.
 */
export function hasGroupSource(frame: { readonly src: Mac }): boolean {
  return (Math.floor(frame.src / TWO_40) & 1) === 1;
}

export function hasGroupDestination(frame: { readonly dst: Mac }): boolean {
  return (Math.floor(frame.dst / TWO_40) & 1) === 1;
}

export function formatMac(mac: Mac): string {
  let s = '';
  for (let i = 5; i >= 0; i--) {
    const octet = Math.floor(mac / 2 ** (8 * i)) % 256;
    s += (i < 5 ? ':' : '') + octet.toString(16).padStart(2, '0');
  }
  return s;
}

/** Parses `aa:bb:cc:dd:ee:ff` (or with dashes); null when it is not a MAC address. */
export function parseMac(text: string): Mac | null {
  const m = /^([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})$/i.exec(text.trim());
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 6; i++) v = v * 256 + parseInt(m[i]!, 16);
  return v;
}

/**
 * Writes a MAC as its 6 octets on the wire, most significant first (IEEE 802 canonical order, as
 * Ethernet, ARP and the bridge ids of BPDUs carry it).
 */
export function writeMac(v: DataView, o: number, mac: Mac): void {
  v.setUint16(o, Math.floor(mac / TWO_32));
  v.setUint32(o + 2, mac >>> 0);
}

/** Reads the 6 octets at `o` as a MAC (the inverse of `writeMac`). */
export function readMac(v: DataView, o: number): Mac {
  return v.getUint16(o) * TWO_32 + v.getUint32(o + 2);
}
