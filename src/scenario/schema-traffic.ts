/**
 * The `traffic:` items of a scenario file: each is a map with exactly one key naming the kind of
 * source (ping, udp, arp, broadcast, macFlood, doubleTagged), turned into one value with a `kind`.
 * Every optional key has its default here, so document.ts's TrafficDoc comes out whole (a UDP
 * stream's stop, which needs the duration, excepted: normalize.ts fills it).
 */
import * as z from 'zod/v4';
import { BUILTIN_DEFAULTS } from './defaults.js';
import { duration, exactlyOne, int, ipv4, rate, selector, vid } from './schema-values.js';

const start = (label: string, what: string) => duration(label, {}, what);

const ping = z
  .strictObject({
    from: selector('from'),
    to: selector('to'),
    count: int(1, 1_000_000, 'Echo requests per pair (default 3)').default(3),
    interval: duration('interval', { positive: true }, 'Time between requests (default 1s)').prefault('1s'),
    start: start('start', 'When the first request goes out (default 0s)').prefault('0s'),
    size: int(0, 65507, 'ICMP data bytes, like ping -s (default 56)').default(56),
    stagger: duration('stagger', {}, 'Each further pair starts this much later (default 0s)').prefault('0s'),
  })
  .describe('ping from every "from" to every "to" (ordered pairs, never a VM to itself).');

const udp = z
  .strictObject({
    from: selector('from'),
    to: selector('to'),
    rate: rate('rate', 'Offered load of each stream'),
    size: int(0, 65507, 'UDP payload bytes per datagram (default 1000)').default(1000),
    start: start('start', 'When the stream starts (default 0s)').prefault('0s'),
    stop: duration('stop', {}, 'When the stream stops (default: the end of the run)').optional(),
    port: int(1, 65535, 'Destination UDP port (default 5001)').default(BUILTIN_DEFAULTS.udpPort),
  })
  .describe('A constant-rate UDP stream from every "from" to every "to".');

const arp = z
  .strictObject({
    from: selector('from'),
    target: ipv4('The address asked for'),
    at: start('at', 'When the first request goes out (default 0s)').prefault('0s'),
    count: int(1, 1_000_000, 'Number of requests (default 1)').default(1),
    interval: duration('interval', { positive: true }, 'Time between requests (default 1s)').prefault('1s'),
  })
  .describe('ARP requests (broadcast "who has target?").');

const broadcast = z
  .strictObject({
    from: selector('from'),
    at: start('at', 'When the first frame goes out (default 0s)').prefault('0s'),
    count: int(1, 10_000_000, 'Number of frames (default 1)').default(1),
    interval: duration('interval', { positive: true }, 'Time between frames (default 1ms)').prefault('1ms'),
    size: int(60, 9000, 'Frame bytes without FCS, 60..9000 (default 60)').default(60),
  })
  .describe('Raw broadcast frames (to ff:ff:ff:ff:ff:ff).');

const macFlood = z
  .strictObject({
    from: selector('from'),
    at: start('at', 'When the first frame goes out (default 0s)').prefault('0s'),
    count: int(1, 10_000_000, 'Number of frames, each from a new random source MAC (default 1000)').default(1000),
    rate: z
      .number({ error: 'rate is frames per second here: a whole number like 5000' })
      .int({ error: 'rate is frames per second here: a whole number like 5000' })
      .min(1, { error: 'rate must be at least 1 frame per second' })
      .max(10_000_000, { error: 'rate is at most 10000000 frames per second' })
      .default(1000)
      .describe('Frames per second (default 1000)'),
    to: z
      .enum(['random', 'broadcast'], { error: 'to should be "random" (a random unicast address per frame, like macof) or "broadcast"' })
      .default('random')
      .describe('Destination of each frame: "random" unicast (default, like macof) or "broadcast".'),
    size: int(60, 9000, 'Frame bytes without FCS, 60..9000 (default 60)').default(60),
  })
  .describe('A MAC flood (like macof): frames from random source MACs, to fill the MAC tables of bridges and switches.');

const doubleTagged = z
  .strictObject({
    from: selector('from'),
    to: selector('to'),
    outer: vid('VLAN id of the outer tag: the sender\'s own VLAN, the trunk\'s native VLAN in the classic attack'),
    inner: vid('VLAN id of the inner tag: the VLAN the frame should hop into'),
    at: start('at', 'When the first frame goes out (default 0s)').prefault('0s'),
    count: int(1, 1_000_000, 'Number of frames (default 1)').default(1),
    interval: duration('interval', { positive: true }, 'Time between frames (default 1s)').prefault('1s'),
  })
  .describe('Crafted double-tagged frames (802.1Q in 802.1Q) carrying an ICMP echo request to each "to": the VLAN hopping attack.');

const TRAFFIC_KINDS = ['ping', 'udp', 'arp', 'broadcast', 'macFlood', 'doubleTagged'] as const;

export const trafficSchema = z
  .strictObject({
    ping: ping.optional(), udp: udp.optional(), arp: arp.optional(), broadcast: broadcast.optional(),
    macFlood: macFlood.optional(), doubleTagged: doubleTagged.optional(),
  })
  .meta({ description: 'One traffic source: exactly one of ping, udp, arp, broadcast, macFlood, doubleTagged.', minProperties: 1, maxProperties: 1 })
  .superRefine(exactlyOne('a traffic item', TRAFFIC_KINDS))
  .transform((v) => {
    if (v.ping) return { kind: 'ping' as const, ...v.ping };
    if (v.udp) return { kind: 'udp' as const, ...v.udp };
    if (v.arp) return { kind: 'arp' as const, ...v.arp };
    if (v.macFlood) return { kind: 'macFlood' as const, ...v.macFlood };
    if (v.doubleTagged) return { kind: 'doubleTagged' as const, ...v.doubleTagged };
    return { kind: 'broadcast' as const, ...v.broadcast! };
  });
