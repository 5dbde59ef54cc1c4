/**
 * The values a person writes in a scenario file, as zod schemas with messages for a student:
 * durations (`250us`), rates (`1Gbps`), names, interface names, MAC and IPv4 addresses, VLAN ids,
 * selectors, and the "exactly one of these keys" rule. schema.ts builds the file's sections from them.
 */
import * as z from 'zod/v4';
import { formatDuration, formatRate, parseDuration, parseRate, SECOND, type Nanos } from '../engine/time.js';
import { parseCidr, parseIpv4 } from '../wire/ipv4-address.js';
import { formatMac, isGroupMac, parseMac } from '../wire/mac.js';

export const DAY: Nanos = 86_400 * SECOND;
const MAX_RATE = 1e12;

const DURATION_EXAMPLES = 'like 250us, 10s or 2m';
const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*(ns|us|µs|ms|s|min|m|h)?\\s*$';
const RATE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgGtT]?([bB][pP][sS]|[bB][iI][tT]))?(/s)?\\s*$';

interface DurationRule {
  /** Smallest allowed value (inclusive); 0 when absent. */
  min?: Nanos;
  /** Largest allowed value (inclusive); one day when absent. */
  max?: Nanos;
  /** When true, 0 is not allowed. */
  positive?: boolean;
}

/** Checks one duration; returns nanoseconds or a message. */
function checkDuration(label: string, value: string | number, rule: DurationRule = {}): Nanos | string {
  const shown = typeof value === 'string' ? value.trim() : String(value);
  let ns: Nanos | null = parseDuration(value);
  if (ns === null && typeof value === 'string') {
    const days = /^\s*(\d+(?:\.\d+)?)\s*(d|day|days)\s*$/i.exec(value);
    if (days) {
      const n = Number(days[1]);
      return n > 1
        ? `${label} ${shown} is longer than one day`
        : `${label} "${shown}" uses days; write it in hours, like 24h`;
    }
    const negative = /^\s*-/.test(value) ? ' (it cannot be negative)' : '';
    return `${label} "${shown}" is not a duration ${DURATION_EXAMPLES}${negative}`;
  }
  if (ns === null) return `${label} ${shown} is not a duration ${DURATION_EXAMPLES}`;
  if (ns < 0) return `${label} ${shown} is negative; a duration is 0 or more, ${DURATION_EXAMPLES}`;
  if (ns > DAY) return `${label} ${shown} is longer than one day`;
  if (rule.positive && ns === 0) return `${label} must be more than 0`;
  if (rule.min !== undefined && ns < rule.min) return `${label} ${shown} is shorter than the minimum, ${formatDuration(rule.min)}`;
  if (rule.max !== undefined && ns > rule.max) return `${label} ${shown} is longer than the maximum, ${formatDuration(rule.max)}`;
  ns = Math.round(ns);
  return ns;
}

export function duration(label: string, rule: DurationRule = {}, description?: string) {
  const bounds = rule.positive ? { exclusiveMinimum: 0 } : { minimum: rule.min !== undefined ? rule.min / SECOND : 0 };
  return z
    .union([z.string(), z.number()], { error: `${label} should be a duration ${DURATION_EXAMPLES}` })
    .meta({
      description: `${description ? description + '. ' : ''}A duration: 250us, 1.5ms, 10s, 2m, 1h, or a bare number of seconds`
        + `${rule.positive ? ' (more than 0)' : ''}; at most ${rule.max !== undefined ? formatDuration(rule.max) : 'one day'}.`,
      pattern: DURATION_PATTERN,
      ...bounds,
      maximum: (rule.max ?? DAY) / SECOND,
      examples: ['250us', '10s'],
    })
    .transform((v, ctx) => {
      const r = checkDuration(label, v, rule);
      if (typeof r === 'string') {
        ctx.addIssue({ code: 'custom', message: r, input: v });
        return z.NEVER;
      }
      return r;
    });
}

/** Checks one rate; returns bit/s or a message. */
function checkRate(label: string, value: string | number): number | string {
  const shown = typeof value === 'string' ? value.trim() : String(value);
  const bps = parseRate(value);
  if (bps === null) {
    if (typeof value === 'number') return value < 0 || !Number.isFinite(value) ? `${label} ${shown} is not a rate above 0` : `${label} must be more than 0`;
    if (/^\s*-/.test(value)) return `${label} "${shown}" is negative; write a rate like 1Gbps, 100Mbps or 10 Mbit`;
    if (/^\s*0*(\.0*)?\s*([kmgt]?(bps|bit))?(\/s)?\s*$/i.test(value) && /\d/.test(value)) return `${label} ${shown} must be more than 0`;
    return `${label} "${shown}" is not a rate like 1Gbps, 100Mbps or 10 Mbit`;
  }
  if (bps > MAX_RATE) return `${label} ${shown} is faster than ${formatRate(MAX_RATE)}, the most this simulator models`;
  return bps;
}

export function rate(label: string, description: string) {
  return z
    .union([z.string(), z.number()], { error: `${label} should be a rate like 1Gbps, 100Mbps or 10 Mbit` })
    .meta({
      description: `${description}. A rate: 1Gbps, 100Mbit, 10 Mbps, or a bare number of bit/s (more than 0).`,
      pattern: RATE_PATTERN,
      exclusiveMinimum: 0,
      examples: ['1Gbps', '100Mbps'],
    })
    .transform((v, ctx) => {
      const r = checkRate(label, v);
      if (typeof r === 'string') {
        ctx.addIssue({ code: 'custom', message: r, input: v });
        return z.NEVER;
      }
      return r;
    });
}

export function int(min: number, max: number, description: string) {
  return z.number().int().min(min).max(max).describe(description);
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IFNAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

/** A name for a host, switch, VM or tenant: used in selectors and in identities like `host1/br0`. */
export function name(what: string) {
  return z
    .string()
    .regex(NAME_RE, {
      error: (iss) =>
        iss.input === ''
          ? `${what} name is empty`
          : `${what} name "${String(iss.input)}" has characters a name cannot have: use letters, digits, "-", "_" and "." (like host1)`,
    })
    .refine((s) => parseIpv4(s) === null, { error: (iss) => `${what} name "${String(iss.input)}" looks like an IPv4 address; pick a name like vm1` })
    .meta({ description: `The ${what}'s name: letters, digits, "-", "_" and ".", starting with a letter or digit.`, pattern: NAME_RE.source });
}

export function ifname(what: string, description: string) {
  return z
    .string()
    .regex(IFNAME_RE, {
      error: (iss) =>
        `${what} "${String(iss.input)}" is not a Linux interface name: 1 to 15 letters, digits, "-", "_" or "." (like eth0)`,
    })
    .meta({ description });
}

export function mac(description: string) {
  return z
    .string()
    .meta({ description: `${description}. A unicast MAC address like 52:54:00:12:34:56.`, examples: ['52:54:00:12:34:56'] })
    .transform((s, ctx) => {
      const m = parseMac(s);
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message, input: s });
        return z.NEVER;
      };
      if (m === null) return fail(`"${s}" is not a MAC address like 52:54:00:12:34:56`);
      if (isGroupMac(m)) return fail(`${formatMac(m)} is a multicast address (its first byte is odd); a NIC needs a unicast MAC like 52:54:00:12:34:56`);
      if (m === 0) return fail('00:00:00:00:00:00 is not a usable MAC address');
      return m;
    });
}

export function cidr(description: string) {
  return z
    .string()
    .meta({ description: `${description}. An IPv4 address with prefix length, like 10.0.0.1/24.`, examples: ['10.0.0.1/24'] })
    .transform((s, ctx) => {
      const c = parseCidr(s);
      if (c === null || !s.includes('/')) {
        const bare = c !== null;
        ctx.addIssue({
          code: 'custom',
          input: s,
          message: bare
            ? `"${s}" has no prefix length: write it like ${s.trim()}/24`
            : `"${s}" is not an IPv4 address with prefix, like 10.0.0.1/24`,
        });
        return z.NEVER;
      }
      return c;
    });
}

export function ipv4(description: string) {
  return z
    .string()
    .meta({ description: `${description}. An IPv4 address like 10.0.0.254.`, examples: ['10.0.0.254'] })
    .transform((s, ctx) => {
      const a = parseIpv4(s);
      if (a === null) {
        ctx.addIssue({ code: 'custom', input: s, message: `"${s}" is not an IPv4 address like 10.0.0.254` });
        return z.NEVER;
      }
      return a;
    });
}

export function vid(description: string) {
  const message = (iss: { input?: unknown }) =>
    `VLAN id ${String(iss.input)} is outside 1..4094 (the tag has 12 bits; 0 and 4095 are reserved)`;
  return z.number().int().min(1, { error: message }).max(4094, { error: message }).describe(description);
}

const SELECTOR_HELP =
  'a VM or host name, a list of names, "*" (every VM), "tenant:NAME" (that tenant\'s VMs) or "host:NAME" (the VMs on that host)';

export function selector(role: 'from' | 'to') {
  const text = z.string().min(1, { error: 'a selector cannot be empty' });
  return z
    .union([text, z.array(text).min(1, { error: 'the list of names is empty' })], {
      error: `${role} should be ${SELECTOR_HELP}${role === 'to' ? ', or an IPv4 address' : ''}`,
    })
    .meta({
      description:
        role === 'from'
          ? `Who sends: ${SELECTOR_HELP}.`
          : `Who receives: ${SELECTOR_HELP}, or an IPv4 address.`,
      examples: role === 'from' ? ['vm1', 'tenant:blue'] : ['vm2', '*', '10.0.0.99'],
    });
}

/** Marks the issue raised when an item of traffic/expect does not have exactly one kind key. */
export const ONE_OF_PARAM = 'oneOf';

export function exactlyOne<const K extends string>(what: string, keys: readonly K[]) {
  return (v: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    const present = keys.filter((k) => v[k] !== undefined);
    if (present.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      params: { [ONE_OF_PARAM]: true },
      message:
        present.length === 0
          ? `${what} needs one of: ${keys.join(', ')}`
          : `${what} has ${present.join(' and ')}; write each one as its own list item (a "- " line)`,
    });
  };
}


/** How a measured statistic compares with its bound: `< 2ms`, `<= 2ms`, `> 1ms`, `>= 1ms`. */
export type BoundOp = '<' | '<=' | '>' | '>=';

const COMPARISON_RE = /^\s*(<=|>=|<|>)\s*(.+)$/;

/**
 * A latency bound written as a comparison with a duration, like `< 2ms`: the operator is needed
 * because the key names the statistic (p99), not a direction.
 */
export function durationBound(label: string) {
  return z
    .string({ error: `${label} should be a comparison with a duration, like "< 2ms" or ">= 100us"` })
    .meta({ description: `A comparison with a duration: < 2ms, <= 2ms, > 100us or >= 100us.`, pattern: '^\\s*(<=|>=|<|>)\\s*\\S.*$', examples: ['< 2ms'] })
    .transform((s, ctx) => {
      const m = COMPARISON_RE.exec(s);
      if (m === null) {
        ctx.addIssue({ code: 'custom', input: s, message: `${label} "${s.trim()}" has no comparison: write it like "< ${s.trim()}" (below) or ">= ${s.trim()}" (at least)` });
        return z.NEVER;
      }
      const ns = checkDuration(label, m[2]!);
      if (typeof ns === 'string') {
        ctx.addIssue({ code: 'custom', input: s, message: ns });
        return z.NEVER;
      }
      return { op: m[1] as BoundOp, ns };
    });
}

const PERCENT_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/;

/** A share written as a percentage, `1%` or `0.5%`, as a fraction (0.01); a bare number is refused because 1 could mean 1% or 100%. */
export function percent(label: string, description: string) {
  return z
    .union([z.string(), z.number()], { error: `${label} should be a percentage like 1% or 80%` })
    .meta({ description: `${description}. A percentage from 0% to 100%, like 1% or 0.5%.`, pattern: PERCENT_RE.source, examples: ['1%', '80%'] })
    .transform((v, ctx) => {
      const m = typeof v === 'string' ? PERCENT_RE.exec(v) : null;
      if (m === null) {
        const hint = typeof v === 'number' ? `; write ${v}% or ${+(v * 100).toPrecision(6)}% (a bare number could mean either)` : ', like 1% or 80%';
        ctx.addIssue({ code: 'custom', input: v, message: `${label} ${typeof v === 'string' ? `"${v.trim()}"` : v} is not a percentage${hint}` });
        return z.NEVER;
      }
      const pct = Number(m[1]);
      if (pct > 100) {
        ctx.addIssue({ code: 'custom', input: v, message: `${label} ${pct}% is more than 100%` });
        return z.NEVER;
      }
      return pct / 100;
    });
}
