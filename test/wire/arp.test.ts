/** ARP (RFC 826): its 28 bytes, its parse checks, its description. */
import { describe, expect, it } from 'vitest';
import { encodeFrame, describeFrame } from '../../src/wire/ethernet.js';
import { IP1, MAC1, arpReply, arpRequest, errorOf, frame, hexBytes, parsed, toHex, vlan, zeros } from './fixtures.js';

const ARP_REQUEST_BYTES = 'ff ff ff ff ff ff 52 54 00 00 00 01 08 06'
  + ' 00 01 08 00 06 04 00 01 52 54 00 00 00 01 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02'
  + zeros(18);

describe('ARP emit', () => {
  it('ARP request (RFC 826), padded to 60 bytes', () => {
    const b = encodeFrame(arpRequest());
    expect(toHex(b)).toBe(toHex(hexBytes(ARP_REQUEST_BYTES)));
  });
});

describe('ARP parse', () => {
  it('reads a request from its bytes', () => {
    expect(parsed(ARP_REQUEST_BYTES)).toEqual(arpRequest());
  });

  it('ARP fields', () => {
    let b = encodeFrame(arpRequest()); b[21] = 3;
    expect(errorOf(b)).toBe('ARP opcode 3 is neither request (1) nor reply (2)');
    b = encodeFrame(arpRequest()); b[15] = 6;
    expect(errorOf(b)).toBe('ARP hardware type 6 is not Ethernet (1)');
  });
});

describe('ARP describe', () => {
  it('ARP', () => {
    expect(describeFrame(arpRequest([vlan(100)])))
      .toBe('52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff vlan 100 ARP who-has 10.0.0.2 tell 10.0.0.1');
    expect(describeFrame(arpReply()))
      .toBe('52:54:00:00:00:02 > 52:54:00:00:00:01 ARP 10.0.0.2 is-at 52:54:00:00:00:02');
    const garp = frame(0xffffffffffff, MAC1, {
      kind: 'arp', op: 1, senderMac: MAC1, senderIp: IP1, targetMac: 0, targetIp: IP1,
    });
    expect(describeFrame(garp)).toBe('52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP who-has 10.0.0.1 tell 10.0.0.1 (gratuitous)');
  });
});
