/**
 * Reads the ping section and the "over time" table of a human report back into claims and checks
 * each one against the report object: every number parsed out of a sentence must be what the JSON
 * says. Written from what the sentences mean, not from how the renderer builds them. Each check
 * throws with the offending line.
 */
import type { PingReport, Report, Sample } from '../../src/index.js';

const UNITS: Record<string, number> = { s: 1e9, ms: 1e6, us: 1e3, ns: 1 };

/** `71.264us` back to ns, with how far off rounding to 3 decimals of its unit may make it. */
function duration(text: string, where: string): { ns: number; slack: number } {
  const m = /^(\d+(?:\.\d+)?)(s|ms|us|ns)$/.exec(text);
  if (!m) throw new Error(`not a duration: "${text}" in: ${where}`);
  const unit = UNITS[m[2]!]!;
  return { ns: Number(m[1]) * unit, slack: unit === 1 ? 0 : unit / 2000 + 1e-6 };
}

function sameDuration(text: string, ns: number | null, where: string): void {
  if (text === '-' || ns === null) {
    if (text !== '-' || ns !== null) throw new Error(`"${text}" but the JSON says ${ns}: ${where}`);
    return;
  }
  const d = duration(text, where);
  if (Math.abs(d.ns - ns) > d.slack) throw new Error(`"${text}" but the JSON says ${ns} ns: ${where}`);
}

function equal(said: number, actual: number, what: string, where: string): void {
  if (said !== actual) throw new Error(`says ${said} ${what}, the JSON has ${actual}: ${where}`);
}

/** The lines of a section: from its first line up to the next empty line; [] when absent. */
export function section(text: string, first: RegExp): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => first.test(l));
  if (at < 0) return [];
  const end = lines.indexOf('', at);
  return lines.slice(at, end < 0 ? lines.length : end);
}

const answered = (p: PingReport) => p.sent > 0 && p.received === p.sent;
const partly = (p: PingReport) => p.received > 0 && p.received < p.sent;
const unanswered = (p: PingReport) => p.sent > 0 && p.received === 0;
const unsent = (p: PingReport) => p.sent === 0;

/** Does an end (name, tenant) belong to the group written as `label` (`tenant:red`, `host1`)? */
function inGroup(label: string, name: string, tenant: string | null): boolean {
  return label.startsWith('tenant:') ? tenant === label.slice('tenant:'.length) : tenant === null && name === label;
}

/** Checks "every cross-tenant pair, 2 of 3 tenant:red -> host1 pairs, and 4 more pairs in 2 other groups". */
function checkScope(text: string, some: readonly PingReport[], all: readonly PingReport[], where: string): void {
  const inSome = new Set(some);
  const covered = new Set<PingReport>();
  const cover = (ps: readonly PingReport[]) => {
    for (const p of ps) {
      if (covered.has(p)) throw new Error(`a pair is counted twice: ${where}`);
      covered.add(p);
    }
  };
  const every = (ps: readonly PingReport[], what: string) => {
    if (ps.length === 0 || !ps.every((p) => inSome.has(p))) throw new Error(`not ${what} is in it: ${where}`);
    cover(ps);
  };
  for (const part of text.split(', ')) {
    let m: RegExpExecArray | null;
    if (part === 'every pair') every(all, 'every pair');
    else if (part === 'every cross-tenant pair') every(all.filter((p) => p.fromTenant !== null && p.toTenant !== null && p.fromTenant !== p.toTenant), part);
    else if (part === 'every same-tenant pair') every(all.filter((p) => p.fromTenant !== null && p.fromTenant === p.toTenant), part);
    else if ((m = /^every (\S+) -> (\S+) pair$/.exec(part))) every(all.filter((p) => inGroup(m![1]!, p.from, p.fromTenant) && inGroup(m![2]!, p.to, p.toTenant)), part);
    else if ((m = /^(\d+) of (\d+) (\S+) -> (\S+) pairs$/.exec(part))) {
      const g = all.filter((p) => inGroup(m![3]!, p.from, p.fromTenant) && inGroup(m![4]!, p.to, p.toTenant));
      equal(Number(m[2]), g.length, `pairs in ${m[3]} -> ${m[4]}`, where);
      const mine = g.filter((p) => inSome.has(p));
      equal(Number(m[1]), mine.length, `of them`, where);
      cover(mine);
    } else if ((m = /^and (\d+) more pairs? in (\d+) other groups?$/.exec(part))) {
      const left = some.filter((p) => !covered.has(p));
      equal(Number(m[1]), left.length, 'more pairs', where);
      equal(Number(m[2]), new Set(left.map((p) => `${p.fromTenant ?? p.from} ${p.toTenant ?? p.to} ${p.fromTenant === null} ${p.toTenant === null}`)).size, 'other groups', where);
      cover(left);
    } else throw new Error(`a part of a summary no check knows: "${part}" in: ${where}`);
  }
  equal(covered.size, some.length, 'pairs named in all', where);
}

/** Checks every line of the ping section against `pings`; throws at the first untrue one. */
export function checkPingSection(lines: readonly string[], pings: readonly PingReport[]): void {
  if (pings.length === 0) {
    if (lines.length > 0) throw new Error(`a ping section without pings: ${lines[0]}`);
    return;
  }
  const head = /^ping {2}(\d+) pairs?, (\d+) with replies$/.exec(lines[0] ?? '');
  if (!head) throw new Error(`no ping header: ${lines[0]}`);
  equal(Number(head[1]), pings.length, 'pairs', lines[0]!);
  equal(Number(head[2]), pings.filter((p) => p.received > 0).length, 'pairs with replies', lines[0]!);
  const listed = new Set<PingReport>();
  let cursor = 0;
  let restSaid = false;
  let summaries = 0;
  for (const l of lines.slice(1)) {
    if (restSaid) throw new Error(`a line after the sentence about the rest: ${l}`);
    let m: RegExpExecArray | null;
    if ((m = /^ {2}(\d+) pairs? (unanswered|partly answered): (.*)$/.exec(l))) {
      const some = pings.filter(m[2] === 'unanswered' ? unanswered : partly);
      equal(Number(m[1]), some.length, `pairs ${m[2]}`, l);
      checkScope(m[3]!, some, pings, l);
      summaries++;
    } else if ((m = /^ {2}(\S+) -> (\S+) \((\S+)\): (\d+) sent, (\d+) received(?:, (\d+) errors?)?, rtt min\/avg\/max (\S+)\/(\S+)\/(\S+)$/.exec(l))) {
      const [, from, to, dst, sent, received, errors, min, avg, max] = m;
      // The pairs are listed in the JSON's order: the next pair with these figures.
      let found = false;
      while (!found && cursor < pings.length) {
        const p = pings[cursor++]!;
        if (p.from !== from || p.to !== to || p.dst !== dst || p.sent !== Number(sent) || p.received !== Number(received) || p.errors !== Number(errors ?? 0)) continue;
        sameDuration(min!, p.rttMinNs, l);
        sameDuration(avg!, p.rttAvgNs, l);
        sameDuration(max!, p.rttMaxNs, l);
        listed.add(p);
        found = true;
      }
      if (!found) throw new Error(`no such pair in the JSON (in order): ${l}`);
    } else {
      checkRest(l, pings.filter((p) => !listed.has(p)), listed.size > 0);
      restSaid = true;
    }
  }
  if (listed.size < pings.length && !restSaid) throw new Error(`${pings.length - listed.size} pairs neither listed nor counted`);
  if (listed.size < pings.length && pings.some((p) => p.received < p.sent) && summaries === 0) throw new Error('failing pairs not listed and not summarised');
}

/** "the other 18 pairs: every echo answered; rtt a .. b" or "the other 18 pairs: 12 with every echo answered (rtt a .. b), 6 unanswered". */
function checkRest(l: string, others: readonly PingReport[], anyListed: boolean): void {
  const m = /^ {2}(the other )?(?:(\d+) pairs?: )?(.*)$/.exec(l)!;
  if (!!m[1] !== anyListed) throw new Error(`"the other" ${anyListed ? 'missing' : 'without a listed pair'}: ${l}`);
  if (m[2] !== undefined) equal(Number(m[2]), others.length, 'other pairs', l);
  else if (anyListed) throw new Error(`not a sentence the checks know: ${l}`);
  const range = (a: string, b: string, ps: readonly PingReport[]) => {
    sameDuration(a, ps.reduce((m, p) => Math.min(m, p.rttMinNs!), Infinity), l);
    sameDuration(b, ps.reduce((m, p) => Math.max(m, p.rttMaxNs!), -Infinity), l);
  };
  const all = /^every echo answered; rtt (\S+) \.\. (\S+)$/.exec(m[3]!);
  if (all) {
    if (!others.every(answered)) throw new Error(`not every echo of these pairs was answered: ${l}`);
    range(all[1]!, all[2]!, others);
    return;
  }
  if (m[2] === undefined) throw new Error(`not a sentence the checks know: ${l}`);
  let total = 0;
  for (const part of m[3]!.split(', ')) {
    const p = /^(\d+) (with every echo answered \(rtt (\S+) \.\. (\S+)\)|partly answered|unanswered|with no echo sent)$/.exec(part);
    if (!p) throw new Error(`not a count the checks know: "${part}" in: ${l}`);
    const kind = p[2]!.startsWith('with every') ? answered : p[2] === 'partly answered' ? partly : p[2] === 'unanswered' ? unanswered : unsent;
    const these = others.filter(kind);
    equal(Number(p[1]), these.length, p[2]!, l);
    if (p[3]) range(p[3], p[4]!, these);
    total += these.length;
  }
  equal(total, others.length, 'pairs counted', l);
}

/** `12.500000000` to ns, exactly. */
function seconds(text: string): number {
  const [s, frac] = text.split('.');
  return Number(s) * 1e9 + Number(frac);
}

const isZero = (x: Sample) => x.linkFramesPerSecond === 0 && x.dropsPerSecond === 0 && x.inFlight === 0;

/** Checks the "over time" table against `series`; `quietRun` all-zero rows in a row or more must be left out. */
export function checkSeriesTable(lines: readonly string[], series: Report['series'], quietRun: number): void {
  const s = series.samples;
  const expected = s.length > 1 && s.some((x) => x.linkFramesPerSecond > 0 || x.dropsPerSecond > 0);
  if (!expected) {
    if (lines.length > 0) throw new Error(`a table without traffic to show: ${lines[0]}`);
    return;
  }
  const head = /^over time \(every (\S+)\)$/.exec(lines[0] ?? '');
  if (!head) throw new Error(`no "over time" header: ${lines[0]}`);
  const d = duration(head[1]!, lines[0]!);
  const step = Math.round(d.ns / series.interval);
  if (step < 1 || Math.abs(step * series.interval - d.ns) > d.slack) throw new Error(`not a whole number of intervals: ${lines[0]}`);
  const groups: Sample[][] = [];
  for (let i = 0; i < s.length; i += step) groups.push(s.slice(i, i + step));
  if (groups.length > 20) throw new Error(`${groups.length} rows, more than 20`);
  if (!/^ +t +link frames\/s +drops\/s +in flight$/.test(lines[1] ?? '')) throw new Error(`no column header: ${lines[1]}`);
  let g = 0;
  let zeroRowsInARow = 0;
  for (const l of lines.slice(2)) {
    let m: RegExpExecArray | null;
    if ((m = /^ +(\d+\.\d{9}) \.\. (\d+\.\d{9}) {2}all zero \((\d+) rows\)$/.exec(l))) {
      const k = Number(m[3]);
      if (k < quietRun) throw new Error(`a run of ${k} rows left out, fewer than ${quietRun}: ${l}`);
      const run = groups.slice(g, g + k);
      equal(run.length, k, 'rows left out', l);
      equal(seconds(m[1]!), run[0]!.at(-1)!.t, 'ns (first row left out)', l);
      equal(seconds(m[2]!), run.at(-1)!.at(-1)!.t, 'ns (last row left out)', l);
      if (!run.every((x) => x.every(isZero))) throw new Error(`not every sample of these rows is zero: ${l}`);
      g += k;
      zeroRowsInARow = 0;
    } else if ((m = /^ +(\d+\.\d{9}) +([\d,]+) +([\d,]+) +([\d,]+)$/.exec(l))) {
      const group = groups[g++];
      if (!group) throw new Error(`more rows than intervals: ${l}`);
      equal(seconds(m[1]!), group.at(-1)!.t, 'ns', l);
      const num = (x: string) => Number(x.replace(/,/g, ''));
      const avg = (f: (x: Sample) => number) => group.reduce((a, x) => a + f(x), 0) / group.length;
      if (Math.abs(num(m[2]!) - avg((x) => x.linkFramesPerSecond)) > 0.5) throw new Error(`link frames/s is not the group's average: ${l}`);
      if (Math.abs(num(m[3]!) - avg((x) => x.dropsPerSecond)) > 0.5) throw new Error(`drops/s is not the group's average: ${l}`);
      equal(num(m[4]!), group.reduce((x, g) => Math.max(x, g.inFlight), 0), 'in flight (the most at the samples)', l);
      zeroRowsInARow = group.every(isZero) ? zeroRowsInARow + 1 : 0;
      if (zeroRowsInARow >= quietRun) throw new Error(`${zeroRowsInARow} all-zero rows in a row printed: ${l}`);
    } else throw new Error(`not a row the checks know: ${l}`);
  }
  equal(g, groups.length, 'rows (every interval once)', 'the table');
}
