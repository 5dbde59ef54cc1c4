/** The visualizer's layer view of a frame: one named layer per header, outermost first. */
import { describe, expect, it } from 'vitest';
import { frameLayers } from '../../src/wire/layers.js';
import { portUnreachable, stpFrame, tcnBpdu, udpFrame, vlan } from './fixtures.js';

describe('frameLayers', () => {
  it('a tagged UDP datagram: Ethernet, the tag, IPv4, UDP, with their fields', () => {
    expect(frameLayers(udpFrame(100, [vlan(100, 5)]))).toEqual([
      {
        name: 'Ethernet II',
        fields: [['destination', '52:54:00:00:00:02'], ['source', '52:54:00:00:00:01'], ['EtherType', '0x0800 (IPv4)'], ['length', '146 bytes']],
      },
      { name: '802.1Q tag', fields: [['TPID', '0x8100 (802.1Q)'], ['VLAN id', '100'], ['priority (PCP)', '5'], ['DEI', '0']] },
      {
        name: 'IPv4',
        fields: [
          ['source', '10.0.0.1'], ['destination', '10.0.0.2'], ['TTL', '64'], ['id', '7'], ['protocol', '17 (UDP)'],
          ['DSCP', '46'], ['total length', '128 bytes'],
        ],
      },
      { name: 'UDP', fields: [['source port', '40000'], ['destination port', '5001'], ['length', '108 bytes'], ['data', '100 bytes']] },
    ]);
  });

  it('an ICMP error shows the datagram it quotes as further layers', () => {
    expect(frameLayers(portUnreachable()).map((l) => l.name)).toEqual(['Ethernet II', 'IPv4', 'ICMP', 'IPv4', 'UDP']);
  });

  it('a TCN BPDU travels behind an 802.3 length and LLC, and has no fields', () => {
    expect(frameLayers(stpFrame(tcnBpdu()))).toEqual([
      {
        name: 'Ethernet II',
        fields: [['destination', '01:80:c2:00:00:00 (multicast)'], ['source', 'aa:bb:cc:dd:ee:02'], ['EtherType', '802.3 length + LLC'], ['length', '60 bytes']],
      },
      { name: 'STP topology change notification', fields: [] },
    ]);
  });
});
