/** RARP (RFC 903): ARP's 28 bytes under EtherType 0x8035, as qemu's self-announce writes them. */
import { describe, expect, it } from 'vitest';
import { describeFrame, encodeFrame, protocolOf } from '../../src/wire/ethernet.js';
import { frameLayers } from '../../src/wire/layers.js';
import { BROADCAST_MAC } from '../../src/wire/mac.js';
import { RARP_REPLY, selfAnnounce } from '../../src/wire/rarp.js';
import { IP1, MAC1, errorOf, frame, hexBytes, parsed, toHex, zeros } from './fixtures.js';

// qemu's announce frame (net/announce.c): broadcast, EtherType 0x8035, Ethernet/IPv4, opcode 3,
// sender and target MAC the NIC's own, both IPv4 addresses zero, then padding to 60 bytes.
const ANNOUNCE_BYTES = 'ff ff ff ff ff ff 52 54 00 00 00 01 80 35'
  + ' 00 01 08 00 06 04 00 03 52 54 00 00 00 01 00 00 00 00 52 54 00 00 00 01 00 00 00 00'
  + zeros(18);
const announce = () => frame(BROADCAST_MAC, MAC1, selfAnnounce(MAC1));

describe('RARP', () => {
  it("emits qemu's self-announce byte for byte, padded to 60 bytes", () => {
    expect(toHex(encodeFrame(announce()))).toBe(toHex(hexBytes(ANNOUNCE_BYTES)));
    expect(announce().length).toBe(60);
  });

  it('reads it back, and refuses an opcode that is not RARP', () => {
    expect(parsed(ANNOUNCE_BYTES)).toEqual(announce());
    const b = encodeFrame(announce());
    b[21] = 1;
    expect(errorOf(b)).toBe('RARP opcode 1 is neither request reverse (3) nor reply reverse (4)');
  });

  it('describes it in tcpdump words, counts it with ARP and names its layer', () => {
    expect(describeFrame(announce())).toBe('52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff RARP who-is 52:54:00:00:00:01 tell 52:54:00:00:00:01');
    const reply = frame(MAC1, MAC1, { kind: 'rarp', op: RARP_REPLY, senderMac: MAC1, senderIp: 0, targetMac: MAC1, targetIp: IP1 });
    expect(describeFrame(reply)).toBe('52:54:00:00:00:01 > 52:54:00:00:00:01 RARP 52:54:00:00:00:01 at 10.0.0.1');
    expect(protocolOf(announce())).toBe('arp');
    const layers = frameLayers(announce());
    expect(layers[0]!.fields[2]).toEqual(['EtherType', '0x8035 (RARP)']);
    expect(layers[1]!.name).toBe('RARP');
    expect(layers[1]!.fields[0]).toEqual(['operation', 'request reverse (3)']);
  });
});
