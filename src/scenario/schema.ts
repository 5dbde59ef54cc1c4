/**
 * The scenario file format as a zod schema. Its input side is what a person writes (durations like
 * `10s`, rates like `1Gbps`, optional keys) and is what docs/scenario.schema.json shows editors; its
 * output side has numbers (ns, bit/s, parsed addresses) with the simple defaults filled in. Defaults
 * that depend on other parts of the file (link parameters, hypervisor overrides, TAP names, a UDP
 * stream's stop) are filled by load.ts. Messages here are written for a student: they say what was
 * found and what a good value looks like.
 */
import * as z from 'zod/v4';
import { MS, SECOND } from '../engine/time.js';
import { LEAK_CAUSES } from './document.js';
import { cidr, duration, exactlyOne, ifname, int, ipv4, mac, name, rate, selector, vid } from './schema-values.js';

export { checkDuration, checkRate, DAY, MAX_RATE, ONE_OF_PARAM } from './schema-values.js';

/** Built-in defaults, used when the file's `defaults` section does not say otherwise. */
export const BUILTIN_DEFAULTS = {
  seed: 1,
  eventBudget: 50_000_000,
  link: { rate: 1e9, delay: 5 * 1000, queue: 1000, queueBytes: null as number | null },
  hypervisor: { latency: 10 * 1000, perFrameCost: 2 * 1000, queue: 1000 },
  reportInterval: SECOND,
  macTableSize: 8192,
  ageing: 300 * SECOND,
  tenant: 'default',
  udpPort: 5001,
} as const;

// ---------------------------------------------------------------------------------------------
// Sections

const linkParamShape = {
  rate: rate('rate', 'Line rate of the cable').optional(),
  delay: duration('delay', {}, 'One-way propagation delay').optional(),
  queue: int(1, 1_000_000, 'Transmit queue limit, in frames').optional(),
  queueBytes: int(1, 10_000_000_000, 'Optional transmit queue limit in bytes (both limits apply)').optional(),
};

const linkParams = z
  .strictObject(linkParamShape)
  .describe('Cable parameters; each key is optional (built in: rate 1Gbps, delay 5us, queue 1000 frames).');

const hypervisorParams = z
  .strictObject({
    latency: duration('latency', {}, 'Fixed latency of the hop between a guest vNIC and its TAP (qemu writing into /dev/net/tun)').optional(),
    perFrameCost: duration('perFrameCost', {}, 'Time the hop spends on each frame; frames wait their turn').optional(),
    queue: int(1, 1_000_000, 'Frames that may wait for the hop before it drops them').optional(),
  })
  .describe('The hypervisor hop (qemu + /dev/net/tun); each key is optional (built in: latency 10us, perFrameCost 2us, queue 1000).');

const command = z
  .string({ error: 'a command is one line of text; put it in quotes if it contains ": " or starts with a special character' })
  .refine((s) => s.trim() !== '', { error: 'the command is empty' })
  .describe('A Linux command line, as typed at the host\'s shell (ip, brctl, bridge, vconfig, iptables, tc, sysctl).');

const nic = z
  .union(
    [
      ifname('NIC name', 'Physical NIC name, like eth0'),
      z.strictObject({
        name: ifname('NIC name', 'Physical NIC name, like eth0'),
        mac: mac('The NIC\'s MAC address (picked automatically when absent)').optional(),
      }),
    ],
    { error: 'a NIC is a name like eth0, or a map like {name: eth0, mac: "02:00:00:00:01:00"}' },
  )
  .describe('A physical NIC: a name like eth0, or {name, mac}.')
  .transform((v) => (typeof v === 'string' ? { name: v, mac: null } : { name: v.name, mac: v.mac ?? null }));

export const vmSchema = z
  .strictObject({
    name: name('VM'),
    tenant: name('tenant').default(BUILTIN_DEFAULTS.tenant).describe('The tenant (customer) owning the VM; "default" when absent.'),
    tap: ifname('tap', 'The TAP interface on the host that qemu opens for this VM; tap0, tap1... in VM order when absent').optional(),
    mac: mac('The guest vNIC\'s MAC address (picked automatically when absent)').optional(),
    ip: cidr('The guest\'s address and subnet'),
    gateway: ipv4('Default gateway of the guest; must be inside its subnet').optional(),
    promiscuous: z.boolean().default(false).describe('The guest NIC accepts frames for any MAC (default false).'),
  })
  .describe('A virtual machine: a qemu process on this host with one vNIC behind a TAP.');

export const hostSchema = z
  .strictObject({
    name: name('host'),
    nics: z.array(nic).default([]).describe('Physical NICs: names like eth0, or {name, mac}.'),
    commands: z.array(command).default([]).describe('Linux commands run in order when the simulation starts.'),
    hypervisor: hypervisorParams.optional(),
    vms: z.array(vmSchema).default([]).describe('The VMs this host runs.'),
  })
  .describe('A physical host (a virtualization node): a Linux kernel, physical NICs and a hypervisor running VMs.');

const portVlan = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({
      mode: z.literal('access').describe('Untagged port in one VLAN.'),
      vlan: vid('The port\'s VLAN id, 1..4094'),
    }),
    z.strictObject({
      mode: z.literal('trunk').describe('Tagged port carrying several VLANs.'),
      allowed: z
        .union([z.literal('all'), z.array(vid('A VLAN id, 1..4094')).min(1)], {
          error: 'allowed should be "all" or a list of VLAN ids like [10, 20]',
        })
        .default('all')
        .describe('VLANs the trunk carries: "all" (default) or a list of ids.'),
      native: vid('VLAN of untagged frames on the trunk (default 1)').default(1),
    }),
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? 'mode should be "access" or "trunk"' : undefined) },
);

/** 802.1D-1998 Table 8-3 defaults, which Linux bridges use too. */
export const STP_DEFAULTS = { priority: 32768, helloTime: 2 * SECOND, maxAge: 20 * SECOND, forwardDelay: 15 * SECOND } as const;

const stpSettings = z
  .strictObject({
    priority: int(0, 65535, 'Bridge priority, the first part of the bridge id: the lowest id becomes the root (default 32768; 4096 or 0 to make this switch the root)').optional(),
    helloTime: duration('helloTime', { min: SECOND, max: 10 * SECOND }, 'How often the root sends configuration BPDUs, 1s..10s (default 2s)').optional(),
    maxAge: duration('maxAge', { min: 6 * SECOND, max: 40 * SECOND }, 'How long a port keeps the root\'s information without hearing it again, 6s..40s (default 20s)').optional(),
    forwardDelay: duration('forwardDelay', { min: 2 * SECOND, max: 30 * SECOND }, 'Time a port spends listening, then again learning, before it forwards, 2s..30s (default 15s)').optional(),
  })
  .describe(
    'Spanning tree settings; absent keys keep the defaults. The timers in use are the root\'s (it sends them in its BPDUs). '
    + '802.1D advises 2 x (forwardDelay - 1s) >= maxAge >= 2 x (helloTime + 1s); like Linux, vnetsim does not enforce it.',
  );

export const switchSchema = z
  .strictObject({
    name: name('switch'),
    ports: int(1, 4096, 'Number of ports, named p1..pN'),
    macTableSize: int(1, 1_000_000, 'MAC table capacity (default 8192)').default(BUILTIN_DEFAULTS.macTableSize),
    ageing: duration('ageing', { positive: true }, 'MAC table entry lifetime (default 300s)').prefault('300s'),
    vlans: z
      .record(z.string(), portVlan)
      .default({})
      .describe('Per-port VLAN configuration keyed by port name (p1..pN); ports not listed are access ports in VLAN 1.'),
    stp: z
      .union([z.boolean(), stpSettings], { error: 'stp should be true, false, or a map like {priority: 4096, forwardDelay: 15s}' })
      .default(false)
      .describe(
        'Run 802.1D spanning tree (classic STP) from power-on: false (default), true (the defaults: priority 32768, '
        + 'helloTime 2s, maxAge 20s, forwardDelay 15s), or a map of settings.',
      )
      .transform((v) => (v === false ? null : { ...STP_DEFAULTS, ...(v === true ? {} : v) })),
  })
  .describe('A physical Ethernet switch.');

/** One end of a cable: host/nic or switch/port. */
const cableEnd = (description: string) =>
  z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, { error: (iss) => `"${String(iss.input)}" is not a link endpoint like host1/eth0 or sw1/p3` })
    .describe(description);

export const linkSchema = z
  .strictObject({
    a: cableEnd('One end: host/nic (like host1/eth0) or switch/port (like sw1/p3).'),
    b: cableEnd('The other end: host/nic or switch/port.'),
    ...linkParamShape,
  })
  .describe('A cable between a host NIC and a switch port (or two of either). Parameters default to defaults.link.');

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

const TIMELINE_KINDS = ['command', 'unplug', 'plug'] as const;

export const timelineSchema = z
  .strictObject({
    at: duration('at', {}, 'When it happens (before the end of the run)'),
    host: z.string().optional().describe('The host whose shell runs the command (with command).'),
    command: command.optional(),
    unplug: cableEnd('Pull a cable, named by one of its ends (host1/eth0 or sw1/p3): both ends lose carrier and the frames on it are lost.').optional(),
    plug: cableEnd('Plug a pulled cable back in, named by one of its ends.').optional(),
  })
  .meta({
    description: 'Something that happens during the run: a Linux command on a host (host + command), or a cable pulled (unplug) or plugged back in (plug).',
    minProperties: 2, maxProperties: 3,
  })
  .superRefine(exactlyOne('a timeline item', TIMELINE_KINDS))
  .superRefine((v, ctx) => {
    if (v.command !== undefined && v.host === undefined) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'a command needs the host whose shell runs it, like host: host1' });
    } else if (v.command === undefined && v.host !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'host is only for a command (the host whose shell runs it); unplug and plug name the cable by one of its ends alone, like plug: sw1/p3' });
    }
  })
  .transform((v) =>
    v.command !== undefined
      ? { kind: 'command' as const, at: v.at, host: v.host!, command: v.command }
      : { kind: 'cable' as const, at: v.at, end: (v.unplug ?? v.plug)!, up: v.unplug === undefined },
  );

const reachPair = (what: string) =>
  z.strictObject({ from: selector('from'), to: selector('to') }).describe(what);

const EXPECT_KINDS = ['reach', 'noReach', 'isolated', 'noLeaks', 'maxDrops', 'minDrops', 'maxInFlight', 'leaks'] as const;

const leaks = z
  .strictObject({
    from: selector('from').optional().describe('Only leaks of frames these VMs sent, like tenant:red (any VM when absent).'),
    to: selector('to').optional().describe('Only leaks into these VMs, like tenant:green (any VM when absent).'),
    via: z.string().min(1).describe('Only leaks whose path passes this place: a device, port or node like sw1/p3 or host2.').optional(),
    at: z.string().min(1).describe('Only leaks whose first bad hop is this place (or inside it), like host1/br0.').optional(),
    cause: z
      .enum(LEAK_CAUSES, { error: `cause should be one of: ${LEAK_CAUSES.join(', ')}` })
      .describe('Only leaks the detector explains with this cause.')
      .optional(),
    min: int(0, Number.MAX_SAFE_INTEGER, 'The fewest matching leaks expected (default 1)').default(1),
    max: int(0, Number.MAX_SAFE_INTEGER, 'The most matching leaks allowed (no limit when absent)').optional(),
  })
  .describe('The leak detector finds between min and max leaks that match: a breakage the scenario shows is caught.');

export const expectSchema = z
  .strictObject({
    reach: reachPair('Every "from" got an answer from every "to" (ping replies seen).').optional(),
    noReach: reachPair('No "from" ever reached any "to".').optional(),
    isolated: z
      .array(name('tenant'))
      .min(1, { error: 'isolated needs at least one tenant name' })
      .describe('Tenants whose frames never reach each other\'s VMs.')
      .optional(),
    noLeaks: z
      .literal(true, { error: 'noLeaks takes only the value true' })
      .describe('No frame is delivered to a VM of another tenant.')
      .optional(),
    leaks: leaks.optional(),
    maxDrops: z
      .strictObject({
        reason: z.string().min(1).describe('Only count drops with this reason, like queue-full (all reasons when absent).').optional(),
        count: int(0, Number.MAX_SAFE_INTEGER, 'The most drops allowed'),
        at: z.string().min(1).describe('Only count drops at this place, like host1/br0 or sw1 (everywhere when absent).').optional(),
      })
      .describe('At most count frames are dropped.')
      .optional(),
    minDrops: z
      .strictObject({
        reason: z.string().min(1).describe('Only count drops with this reason, like queue-full (all reasons when absent).').optional(),
        count: int(0, Number.MAX_SAFE_INTEGER, 'The fewest drops expected'),
        at: z.string().min(1).describe('Only count drops at this place, like host1/br0 or sw1 (everywhere when absent).').optional(),
      })
      .describe('At least count frames are dropped: the run did hit the limit it is meant to show.')
      .optional(),
    maxInFlight: int(0, Number.MAX_SAFE_INTEGER, 'The most frames alive at once (queued, on a wire or in a hypervisor hop)')
      .describe('At no instant were more than this many frames in flight: memory stays bounded.')
      .optional(),
  })
  .meta({ description: 'One expectation checked after the run: exactly one of reach, noReach, isolated, noLeaks, maxDrops, minDrops, maxInFlight, leaks.', minProperties: 1, maxProperties: 1 })
  .superRefine(exactlyOne('an expectation', EXPECT_KINDS))
  .transform((v) => {
    if (v.reach) return { kind: 'reach' as const, ...v.reach };
    if (v.noReach) return { kind: 'noReach' as const, ...v.noReach };
    if (v.isolated) return { kind: 'isolated' as const, tenants: v.isolated };
    if (v.noLeaks) return { kind: 'noLeaks' as const };
    if (v.leaks) {
      const l = v.leaks;
      return {
        kind: 'leaks' as const, from: l.from ?? null, to: l.to ?? null, via: l.via ?? null, at: l.at ?? null,
        cause: l.cause ?? null, min: l.min, max: l.max ?? null,
      };
    }
    if (v.maxInFlight !== undefined) return { kind: 'maxInFlight' as const, count: v.maxInFlight };
    if (v.minDrops) return { kind: 'minDrops' as const, reason: v.minDrops.reason ?? null, count: v.minDrops.count, at: v.minDrops.at ?? null };
    const m = v.maxDrops!;
    return { kind: 'maxDrops' as const, reason: m.reason ?? null, count: m.count, at: m.at ?? null };
  });

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1, { error: 'the scenario name is empty' }).describe('Short name of the scenario, like one-host-bridge.'),
    description: z.string().default('').describe('What the scenario shows (free text).'),
    seed: int(0, Number.MAX_SAFE_INTEGER, 'Seed of every random stream (default 1); the same seed gives the same run').default(BUILTIN_DEFAULTS.seed),
    duration: duration('duration', { positive: true }, 'How long the simulated run lasts'),
    eventBudget: int(1, 1e12, 'A run stops after this many events (default 50000000)').default(BUILTIN_DEFAULTS.eventBudget),
    defaults: z
      .strictObject({ link: linkParams.optional(), hypervisor: hypervisorParams.optional() })
      .describe('Defaults for every link and every host\'s hypervisor hop.')
      .optional(),
    report: z
      .strictObject({
        interval: duration('interval', { min: MS }, 'Time-series sampling interval (default 1s, at least 1ms)').prefault('1s'),
      })
      .describe('Report settings.')
      .prefault({}),
    hosts: z.array(hostSchema).default([]).describe('Physical hosts.'),
    switches: z.array(switchSchema).default([]).describe('Physical switches.'),
    links: z.array(linkSchema).default([]).describe('Cables.'),
    traffic: z.array(trafficSchema).default([]).describe('Traffic sources.'),
    timeline: z.array(timelineSchema).default([]).describe('Commands run later in the simulation.'),
    expect: z.array(expectSchema).default([]).describe('Expectations checked after the run.'),
  })
  .meta({
    title: 'vnetsim scenario',
    description: 'A vnetsim scenario: hosts with VMs, switches, cables, Linux commands, traffic and expectations.',
  });

export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ParsedHost = z.output<typeof hostSchema>;
export type ParsedSwitch = z.output<typeof switchSchema>;
export type ParsedLink = z.output<typeof linkSchema>;
export type ParsedTraffic = z.output<typeof trafficSchema>;
export type ParsedTimeline = z.output<typeof timelineSchema>;
export type ParsedExpect = z.output<typeof expectSchema>;

/** The top-level sections that are lists, each item parsed on its own when salvaging a broken file. */
export const LIST_SECTIONS = {
  hosts: hostSchema,
  switches: switchSchema,
  links: linkSchema,
  traffic: trafficSchema,
  timeline: timelineSchema,
  expect: expectSchema,
} as const;

/** The JSON Schema editors use (docs/scenario.schema.json): the input side, what a person writes. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The text of docs/scenario.schema.json (scripts/json-schema.mjs writes it; a test keeps it in sync). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
