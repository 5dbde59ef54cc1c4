import { describe, expect, it } from 'vitest';
import { describeFrame, formatBridgeId, protocolOf } from '../../src/wire/describe.js';
import { ICMP_ECHO_REQUEST, TCP_ACK, TCP_FIN, TCP_SYN } from '../../src/wire/frame.js';
import {
  IP1, IP2, MAC1, MAC2, arpReply, arpRequest, configBpdu, echo, echoReply, echoRequest, frame, ip, ipv4,
  portUnreachable, stpFrame, svlan, tcnBpdu, tcpFrame, tcpSyn, timeExceeded, udp, udpFrame, vlan,
} from './fixtures.js';

describe('describeFrame', () => {
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

  it('ICMP echo: len is the ICMP message length, as ping and tcpdump count it', () => {
    expect(describeFrame(echoRequest(3, 56)))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 IPv4 10.0.0.1 > 10.0.0.2 ICMP echo request id 1 seq 3 len 64');
    expect(describeFrame(echoReply(3, 56)))
      .toBe('52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP echo reply id 1 seq 3 len 64');
  });

  it('ICMP errors name what they quote', () => {
    expect(describeFrame(portUnreachable())).toBe('52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1'
      + ' ICMP port unreachable for UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000');
    expect(describeFrame(timeExceeded(echo(ICMP_ECHO_REQUEST, 9, 4, 56)))).toBe(
      '52:54:00:00:00:02 > 52:54:00:00:00:01 IPv4 10.0.0.254 > 10.0.0.1 ICMP time exceeded in-transit'
      + ' for IPv4 10.0.0.1 > 192.0.2.9 ICMP echo request id 9 seq 4 len 64');
    const fragNeeded = frame(MAC1, MAC2, ipv4(IP2, IP1, {
      kind: 'icmp', type: 3, code: 4, id: 0, seq: 1400, dataLength: 0, quoted: ipv4(IP1, IP2, udp(1, 2, 1472)),
    }));
    expect(describeFrame(fragNeeded)).toContain('ICMP fragmentation needed (mtu 1400) for UDP 10.0.0.1:1 > 10.0.0.2:2 len 1472');
  });

  it('UDP and TCP show address:port pairs', () => {
    expect(describeFrame(udpFrame(1000)))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 1000');
    expect(describeFrame(tcpSyn()))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 TCP 10.0.0.1:43210 > 10.0.0.2:80 [S] seq 3735928559 win 64240 len 0');
    expect(describeFrame(tcpFrame(TCP_SYN | TCP_ACK, 0))).toContain('[S.] seq 3735928559 ack 12345 win 64240 len 0');
    expect(describeFrame(tcpFrame(TCP_FIN | TCP_ACK, 0))).toContain('[F.]');
    expect(describeFrame(tcpFrame(0, 0))).toContain('[none]');
  });

  it('tags: vlan for 802.1Q, svlan for 802.1ad, priority and DEI when set', () => {
    expect(describeFrame(udpFrame(10, [svlan(200, 3, 1), vlan(100)])))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 svlan 200 p 3 dei vlan 100 UDP 10.0.0.1:40000 > 10.0.0.2:5001 len 10');
  });

  it('STP', () => {
    expect(describeFrame(stpFrame())).toBe('aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP conf root 8000.aa:bb:cc:dd:ee:01'
      + ' cost 4 port 0x8001 bridge 8000.aa:bb:cc:dd:ee:02');
    expect(describeFrame(stpFrame(configBpdu(0x81)))).toMatch(/ tc tca$/);
    expect(describeFrame(stpFrame(tcnBpdu()))).toBe('aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP tcn');
    expect(formatBridgeId(0x8064, 0x0000000000ff)).toBe('8064.00:00:00:00:00:ff');
  });

  it('other payloads', () => {
    expect(describeFrame(frame(MAC2, MAC1, ipv4(IP1, ip('10.9.9.9'), { kind: 'raw-ip', protocol: 47, dataLength: 80 }))))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 IPv4 10.0.0.1 > 10.9.9.9 proto 47 len 80');
    expect(describeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 100 })))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 ethertype 0x86dd (IPv6) len 100');
    expect(describeFrame(frame(MAC2, MAC1, { kind: 'raw', etherType: 46, dataLength: 46 })))
      .toBe('52:54:00:00:00:01 > 52:54:00:00:00:02 802.3 length 46');
  });
});

describe('protocolOf', () => {
  it('classifies every payload kind', () => {
    expect(protocolOf(arpRequest())).toBe('arp');
    expect(protocolOf(echoRequest())).toBe('icmp');
    expect(protocolOf(portUnreachable())).toBe('icmp');
    expect(protocolOf(udpFrame())).toBe('udp');
    expect(protocolOf(tcpFrame())).toBe('tcp');
    expect(protocolOf(stpFrame())).toBe('stp');
    expect(protocolOf(frame(MAC2, MAC1, ipv4(IP1, IP2, { kind: 'raw-ip', protocol: 47, dataLength: 8 })))).toBe('ipv4');
    expect(protocolOf(frame(MAC2, MAC1, { kind: 'raw', etherType: 0x86dd, dataLength: 46 }))).toBe('other');
  });
});
