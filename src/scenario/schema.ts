/**
 * The scenario file format as a zod schema. Its input side is what a person writes (durations like
 * `10s`, rates like `1Gbps`, optional keys) and is what docs/scenario.schema.json shows editors; its
 * output side has numbers (ns, bit/s, parsed addresses) with the simple defaults filled in. Defaults
 * that depend on other parts of the file (link parameters, hypervisor overrides, TAP names, a UDP
 * stream's stop) are filled by normalize.ts. Messages here are written for a student: they say what
 * was found and what a good value looks like.
 *
 * This file holds the document and its nodes (hosts, VMs, switches, cables) and the timeline; the
 * values they are made of are in schema-values.ts, the traffic sources in schema-traffic.ts, the
 * expectations in schema-expect.ts.
 */
import * as z from 'zod/v4';
import { MS, SECOND } from '../engine/time.js';
import { MODELLED_PROGRAMS } from '../linux/programs.js';
import { BUILTIN_DEFAULTS } from './defaults.js';
import { expectSchema } from './schema-expect.js';
import { trafficSchema } from './schema-traffic.js';
import { cidr, duration, exactlyOne, ifname, int, ipv4, mac, name, rate, vid } from './schema-values.js';

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
  .describe(`A Linux command line, as typed at the host's shell (${MODELLED_PROGRAMS.join(', ')}).`);

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

const vmSchema = z
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

const hostSchema = z
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
const STP_DEFAULTS = { priority: 32768, helloTime: 2 * SECOND, maxAge: 20 * SECOND, forwardDelay: 15 * SECOND } as const;

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

const switchSchema = z
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

const linkSchema = z
  .strictObject({
    a: cableEnd('One end: host/nic (like host1/eth0) or switch/port (like sw1/p3).'),
    b: cableEnd('The other end: host/nic or switch/port.'),
    ...linkParamShape,
  })
  .describe('A cable between a host NIC and a switch port (or two of either). Parameters default to defaults.link.');
const TIMELINE_KINDS = ['command', 'unplug', 'plug'] as const;

const timelineSchema = z
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
