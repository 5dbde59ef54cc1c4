/**
 * Checks that need the whole document: names unique and references resolving (cables, selectors,
 * timeline hosts, tenants), addresses that make sense, and every Linux command parsing. Runs on the
 * normalized document; when the schema rejected part of the file, load.ts passes what did parse
 * together with `incomplete`, so references to a broken entry are not reported a second time.
 *
 * Paths are paths in the file (`traffic[2].ping.to`), so problems point at what the student wrote.
 */
import { formatDuration, formatRate } from '../engine/time.js';
import { DROP_REASONS } from '../trace/drop-reason.js';
import { directedBroadcast, formatCidr, formatIpv4, inSubnet, networkOf, parseIpv4 } from '../wire/ipv4-address.js';
import { formatMac } from '../wire/mac.js';
import type { ScenarioDoc, Selector } from './document.js';
import { formatPath, suggest, type PathSegment } from './problem.js';
import { resolvePairs, selectorTerms, tenants as tenantsOf } from './selectors.js';

interface SemanticProblem {
  path: PathSegment[];
  message: string;
}

export type ListSection = 'hosts' | 'switches' | 'links' | 'traffic' | 'timeline' | 'expect';

export type CommandCheck = (line: string) => { ok: true } | { ok: false; message: string };

export interface SemanticOptions {
  /** For each list section, the index in the file of each item in the document (identity when absent). */
  origin?: Partial<Record<ListSection, readonly number[]>>;
  /** What the schema could not parse: references to these are not reported as missing. */
  incomplete?: {
    /** Host, switch and VM names found in entries that failed; 'all' when a whole section failed. */
    names: ReadonlySet<string> | 'all';
    tenants: ReadonlySet<string> | 'all';
    /** The duration failed, so times are not compared with it. */
    duration: boolean;
  };
  /** The line a path starts on, for "(also at line 4)". */
  lineOf?: (path: PathSegment[]) => number | null;
  /** Parses one Linux command line (src/linux/parse.ts); commands are not checked when absent. */
  checkCommand?: CommandCheck;
}

type Kind = 'host' | 'switch' | 'VM';

export function checkScenario(doc: ScenarioDoc, options: SemanticOptions = {}): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const report = (path: PathSegment[], message: string) => problems.push({ path, message });
  const at = (section: ListSection, i: number) => options.origin?.[section]?.[i] ?? i;
  const where = (path: PathSegment[]) => {
    const line = options.lineOf?.(path);
    return line ? `line ${line}` : formatPath(path);
  };
  const incomplete = options.incomplete;
  const nameUnknown = (n: string) => !!incomplete && (incomplete.names === 'all' || incomplete.names.has(n));
  const tenantUnknown = (t: string) => !!incomplete && (incomplete.tenants === 'all' || incomplete.tenants.has(t));
  const durationKnown = !incomplete?.duration;
  /** Names from entries that failed the schema still make good "did you mean" answers. */
  const brokenNames = incomplete && incomplete.names !== 'all' ? [...incomplete.names] : [];

  // ---- names ------------------------------------------------------------------------------------
  const named = new Map<string, { kind: Kind; path: PathSegment[] }>();
  const claim = (kind: Kind, name: string, path: PathSegment[]) => {
    const first = named.get(name);
    if (!first) {
      named.set(name, { kind, path });
      return;
    }
    report(path, first.kind === kind
      ? `${kind} name "${name}" is used twice (also at ${where(first.path)})`
      : `${kind} name "${name}" is already the name of a ${first.kind} (at ${where(first.path)}); names must be unique`);
  };
  doc.hosts.forEach((h, i) => claim('host', h.name, ['hosts', at('hosts', i), 'name']));
  doc.switches.forEach((s, i) => claim('switch', s.name, ['switches', at('switches', i), 'name']));
  doc.hosts.forEach((h, i) => h.vms.forEach((vm, v) => claim('VM', vm.name, ['hosts', at('hosts', i), 'vms', v, 'name'])));

  const hosts = new Map(doc.hosts.map((h) => [h.name, h]));
  const switches = new Map(doc.switches.map((s) => [s.name, s]));
  const vms = new Map(doc.hosts.flatMap((h) => h.vms.map((vm) => [vm.name, vm] as const)));
  const tenantList = tenantsOf(doc);

  // ---- hosts: NICs, TAPs, MACs, addresses, commands --------------------------------------------
  const macs = new Map<number, { owner: string; path: PathSegment[] }>();
  const claimMac = (mac: number | null, owner: string, path: PathSegment[]) => {
    if (mac === null) return;
    const first = macs.get(mac);
    if (first) report(path, `MAC ${formatMac(mac)} is also used by ${first.owner} (at ${where(first.path)}); MACs must be unique`);
    else macs.set(mac, { owner, path });
  };
  doc.hosts.forEach((h, i) => {
    const hp: PathSegment[] = ['hosts', at('hosts', i)];
    const nics = new Map<string, number>();
    h.nics.forEach((n, k) => {
      if (nics.has(n.name)) report([...hp, 'nics', k], `NIC "${n.name}" is listed twice on ${h.name}`);
      else nics.set(n.name, k);
      claimMac(n.mac, `${h.name}/${n.name}`, [...hp, 'nics', k, 'mac']);
    });
    const taps = new Map<string, string>();
    h.vms.forEach((vm, v) => {
      const vp: PathSegment[] = [...hp, 'vms', v];
      const other = taps.get(vm.tap);
      if (other !== undefined) report([...vp, 'tap'], `TAP "${vm.tap}" of ${vm.name} is also the TAP of ${other} on ${h.name}; each VM needs its own TAP`);
      else taps.set(vm.tap, vm.name);
      if (nics.has(vm.tap)) report([...vp, 'tap'], `TAP "${vm.tap}" of ${vm.name} has the same name as ${h.name}'s NIC ${vm.tap}`);
      claimMac(vm.mac, vm.name, [...vp, 'mac']);
      const ip = vm.ip;
      const first = ip.address >>> 24;
      if (first === 127 || first === 0 || first >= 224) {
        report([...vp, 'ip'], `${formatCidr(ip)} is a ${first === 127 ? 'loopback' : first === 0 ? '"this network"' : 'multicast or reserved'} address; give ${vm.name} an ordinary address like 10.0.0.1/24`);
      } else if (ip.prefixLength < 31 && ip.address === networkOf(ip)) {
        report([...vp, 'ip'], `${formatCidr(ip)} is the network address of its subnet; give ${vm.name} a host address like ${formatIpv4(networkOf(ip) + 1)}/${ip.prefixLength}`);
      } else if (ip.prefixLength < 31 && ip.address === directedBroadcast(ip)) {
        report([...vp, 'ip'], `${formatCidr(ip)} is the broadcast address of its subnet; give ${vm.name} a host address like ${formatIpv4(networkOf(ip) + 1)}/${ip.prefixLength}`);
      }
      if (vm.gateway !== null) {
        const subnet = `${formatIpv4(networkOf(ip))}/${ip.prefixLength}`;
        if (vm.gateway === ip.address) report([...vp, 'gateway'], `gateway ${formatIpv4(vm.gateway)} is ${vm.name}'s own address`);
        else if (!inSubnet(vm.gateway, ip)) report([...vp, 'gateway'], `gateway ${formatIpv4(vm.gateway)} is outside ${vm.name}'s subnet ${subnet}; a gateway must be reachable directly`);
        else if (ip.prefixLength < 31 && (vm.gateway === networkOf(ip) || vm.gateway === directedBroadcast(ip))) {
          report([...vp, 'gateway'], `gateway ${formatIpv4(vm.gateway)} is the ${vm.gateway === networkOf(ip) ? 'network' : 'broadcast'} address of ${subnet}`);
        }
      }
    });
    if (options.checkCommand) {
      h.commands.forEach((line, c) => {
        const message = commandProblem(h.name, line, options.checkCommand!);
        if (message) report([...hp, 'commands', c], message);
      });
    }
  });

  // ---- switches: VLAN keys ----------------------------------------------------------------------
  doc.switches.forEach((s, i) => {
    for (const key of Object.keys(s.vlans)) {
      const m = /^p(\d+)$/.exec(key);
      const path: PathSegment[] = ['switches', at('switches', i), 'vlans', key];
      if (!m || Number(m[1]) < 1) report(path, `"${key}" is not a port of ${s.name}; its ports are p1..p${s.ports}`);
      else if (Number(m[1]) > s.ports) report(path, `"${key}": switch ${s.name} has only ${s.ports} port${s.ports === 1 ? '' : 's'}`);
    }
  });

  // ---- links --------------------------------------------------------------------------------------
  const cabled = new Map<string, number>();
  doc.links.forEach((l, i) => {
    const li = at('links', i);
    for (const end of ['a', 'b'] as const) {
      const ref = l[end];
      const path: PathSegment[] = ['links', li, end];
      const slash = ref.indexOf('/');
      const node = ref.slice(0, slash);
      const port = ref.slice(slash + 1);
      const host = hosts.get(node);
      const sw = switches.get(node);
      let valid = true;
      if (host) {
        if (!host.nics.some((n) => n.name === port)) {
          valid = false;
          const names = host.nics.map((n) => n.name);
          report(path, names.length === 0
            ? `"${ref}": ${node} has no NICs; list it under the host, like nics: [${port}]`
            : `"${ref}": ${node} has no NIC named "${port}"${suggestOrList(port, names, 'its NICs')}`);
        }
      } else if (sw) {
        const m = /^p(\d+)$/.exec(port);
        if (!m || Number(m[1]) < 1) {
          valid = false;
          report(path, `"${ref}": switch ports are named p1..p${sw.ports}`);
        } else if (Number(m[1]) > sw.ports) {
          valid = false;
          report(path, `"${ref}": switch ${node} has only ${sw.ports} port${sw.ports === 1 ? '' : 's'}`);
        }
      } else if (vms.has(node)) {
        valid = false;
        report(path, `link endpoint "${ref}": ${node} is a VM; cables connect host NICs and switch ports (a VM is wired through its TAP on its host)`);
      } else if (!nameUnknown(node)) {
        valid = false;
        report(path, `link endpoint "${ref}": no host or switch named "${node}"${suggest(node, [...hosts.keys(), ...switches.keys(), ...brokenNames])}`);
      } else {
        valid = false;
      }
      if (!valid) continue;
      const first = cabled.get(ref);
      if (first === li) report(path, `both ends of the cable are "${ref}"; a cable joins two different ports`);
      else if (first !== undefined) report(path, `"${ref}" is cabled twice (links[${first}] and links[${li}])`);
      else cabled.set(ref, li);
    }
  });

  // ---- selectors --------------------------------------------------------------------------------
  const endpointNames = [...hosts.keys(), ...vms.keys(), ...brokenNames];
  /** Reports the terms that match nothing; true when every term is fine. */
  const checkSelector = (sel: Selector, path: PathSegment[], what: string, role: 'from' | 'to'): boolean => {
    let fine = true;
    selectorTerms(sel).forEach((raw, k) => {
      const term = raw.trim();
      const p = typeof sel === 'string' ? path : [...path, k];
      const bad = (message: string) => {
        fine = false;
        report(p, `${what} "${term}": ${message}`);
      };
      if (parseIpv4(term) !== null) {
        if (role === 'from') bad('an address can only be a destination; name VMs or hosts here');
        return;
      }
      if (term === '*') {
        if (vms.size === 0 && !incomplete) bad('the scenario has no VMs');
        else if (vms.size === 0) fine = false;
        return;
      }
      if (term.startsWith('tenant:')) {
        const t = term.slice(7);
        if (!tenantList.includes(t)) {
          if (tenantUnknown(t)) fine = false;
          else bad(`no VM belongs to tenant "${t}"${suggestOrList(t, tenantList, 'tenants')}`);
        }
        return;
      }
      if (term.startsWith('host:')) {
        const hn = term.slice(5);
        const h = hosts.get(hn);
        if (!h) {
          if (nameUnknown(hn)) fine = false;
          else bad(`no host named "${hn}"${suggest(hn, [...hosts.keys(), ...brokenNames])}`);
        } else if (h.vms.length === 0) bad(`host ${hn} has no VMs`);
        return;
      }
      if (hosts.has(term) || vms.has(term)) return;
      if (nameUnknown(term)) {
        fine = false;
        return;
      }
      if (switches.has(term)) return bad(`${term} is a switch; traffic goes between VMs and hosts`);
      if (tenantList.includes(term)) return bad(`no VM or host has this name; for the VMs of tenant ${term} write "tenant:${term}"`);
      bad(`no VM, host or tenant matches${suggest(term, endpointNames)}`);
    });
    return fine;
  };
  /** A measurement bound needs min or max, and min may not be above max. */
  const checkRange = (min: number | null, max: number | null, path: PathSegment[], what: string, fmt: (v: number) => string) => {
    if (min === null && max === null) report(path, `${what} needs min or max (or both)`);
    else if (min !== null && max !== null && max < min) report([...path, 'max'], `max ${fmt(max)} is less than min ${fmt(min)}`);
  };
  const show = (sel: Selector) => (typeof sel === 'string' ? `"${sel}"` : `[${sel.join(', ')}]`);
  const checkTime = (value: number, path: PathSegment[], label: string) => {
    if (durationKnown && value >= doc.duration) {
      report(path, `${label} ${formatDuration(value)} is not before the end of the run (duration ${formatDuration(doc.duration)})`);
    }
  };

  // ---- traffic ------------------------------------------------------------------------------------
  doc.traffic.forEach((t, i) => {
    const tp: PathSegment[] = ['traffic', at('traffic', i), t.kind];
    const fromOk = checkSelector(t.from, [...tp, 'from'], `${t.kind} from`, 'from');
    switch (t.kind) {
      case 'ping':
      case 'udp': {
        const toOk = checkSelector(t.to, [...tp, 'to'], `${t.kind} to`, 'to');
        if (fromOk && toOk && resolvePairs(doc, t.from, t.to).length === 0) {
          report([...tp, 'to'], `${t.kind} from ${show(t.from)} to ${show(t.to)} makes no pair: a VM or host never sends ${t.kind === 'ping' ? 'pings' : 'a stream'} to itself`);
        }
        checkTime(t.start, [...tp, 'start'], 'start');
        if (t.kind === 'udp' && t.stop <= t.start && t.start < doc.duration) {
          report([...tp, 'stop'], `stop ${formatDuration(t.stop)} is not after start ${formatDuration(t.start)}`);
        }
        break;
      }
      case 'arp':
      case 'broadcast':
      case 'macFlood':
        checkTime(t.at, [...tp, 'at'], 'at');
        break;
      case 'doubleTagged': {
        const toOk = checkSelector(t.to, [...tp, 'to'], `${t.kind} to`, 'to');
        if (fromOk && toOk && resolvePairs(doc, t.from, t.to).length === 0) {
          report([...tp, 'to'], `${t.kind} from ${show(t.from)} to ${show(t.to)} makes no pair: a VM never sends to itself`);
        }
        if (t.outer === t.inner) report([...tp, 'inner'], `inner VLAN ${t.inner} is the same as outer: a hop needs two different VLANs`);
        checkTime(t.at, [...tp, 'at'], 'at');
        break;
      }
    }
  });

  // ---- timeline -----------------------------------------------------------------------------------
  const linkEnds = new Set(doc.links.flatMap((l) => [l.a, l.b]));
  doc.timeline.forEach((e, i) => {
    const ep: PathSegment[] = ['timeline', at('timeline', i)];
    if (e.kind === 'cable') {
      // A link end that is itself wrong was reported under links.
      if (!cabled.has(e.end) && !linkEnds.has(e.end)) {
        report([...ep, e.up ? 'plug' : 'unplug'], `no cable is plugged into "${e.end}"${suggestOrList(e.end, [...cabled.keys()], 'the cabled ends')}`);
      }
      checkTime(e.at, [...ep, 'at'], 'at');
      return;
    }
    const host = hosts.get(e.host);
    if (!host) {
      if (vms.has(e.host)) report([...ep, 'host'], `${e.host} is a VM; timeline commands run in a host's shell`);
      else if (switches.has(e.host)) report([...ep, 'host'], `${e.host} is a switch; timeline commands run in a host's shell`);
      else if (!nameUnknown(e.host)) report([...ep, 'host'], `no host named "${e.host}"${suggest(e.host, [...hosts.keys(), ...brokenNames])}`);
    }
    checkTime(e.at, [...ep, 'at'], 'at');
    if (options.checkCommand) {
      const message = commandProblem(e.host, e.command, options.checkCommand);
      if (message) report([...ep, 'command'], message);
    }
  });

  // ---- expectations -------------------------------------------------------------------------------
  doc.expect.forEach((x, i) => {
    const xp: PathSegment[] = ['expect', at('expect', i), x.kind];
    switch (x.kind) {
      case 'reach':
      case 'noReach': {
        const fromOk = checkSelector(x.from, [...xp, 'from'], `${x.kind} from`, 'from');
        const toOk = checkSelector(x.to, [...xp, 'to'], `${x.kind} to`, 'to');
        if (fromOk && toOk && resolvePairs(doc, x.from, x.to).length === 0) {
          report([...xp, 'to'], `${x.kind} from ${show(x.from)} to ${show(x.to)} makes no pair to check`);
        }
        break;
      }
      case 'isolated':
        x.tenants.forEach((t, k) => {
          if (tenantList.includes(t) || tenantUnknown(t)) return;
          report([...xp, k], `tenant "${t}" has no VMs${suggestOrList(t, tenantList, 'tenants')}`);
        });
        break;
      case 'rtt':
      case 'oneWay':
      case 'loss':
      case 'goodput': {
        const fromOk = checkSelector(x.from, [...xp, 'from'], `${x.kind} from`, 'from');
        const toOk = checkSelector(x.to, [...xp, 'to'], `${x.kind} to`, 'to');
        if (fromOk && toOk && resolvePairs(doc, x.from, x.to).length === 0) {
          report([...xp, 'to'], `${x.kind} from ${show(x.from)} to ${show(x.to)} makes no pair to check`);
        }
        if ((x.kind === 'rtt' || x.kind === 'oneWay') && x.bounds.length === 0) {
          report(xp, `${x.kind} needs at least one bound, like p99: < 2ms (min, p50, p90, p99 or max)`);
        }
        if (x.kind === 'goodput') checkRange(x.min, x.max, xp, 'goodput', formatRate);
        break;
      }
      case 'utilisation': {
        const dir = /^(.+?)\s*->\s*(.+)$/.exec(x.link);
        const ends = dir ? [dir[1]!, dir[2]!] : [x.link];
        const unknown = ends.filter((end) => !cabled.has(end) && !linkEnds.has(end));
        if (unknown.length > 0) {
          report([...xp, 'link'], `no cable is plugged into "${unknown[0]}"${suggestOrList(unknown[0]!, [...cabled.keys()], 'the cabled ends')}`);
        } else if (dir && !doc.links.some((l) => (l.a === ends[0] && l.b === ends[1]) || (l.a === ends[1] && l.b === ends[0]))) {
          report([...xp, 'link'], `"${ends[0]}" and "${ends[1]}" are not the two ends of one cable`);
        }
        checkRange(x.min, x.max, xp, 'utilisation', (v) => `${+(v * 100).toPrecision(6)}%`);
        break;
      }
      case 'drops':
      case 'maxDrops':
      case 'minDrops':
        if (x.kind === 'drops') checkRange(x.min, x.max, xp, 'drops', String);
        if (x.reason !== null && !(DROP_REASONS as readonly string[]).includes(x.reason)) {
          report([...xp, 'reason'], `"${x.reason}" is not a drop reason${suggestOrList(x.reason, [...DROP_REASONS], 'reasons')}`);
        }
        if (x.at !== null) {
          const node = x.at.split('/')[0]!;
          if (!named.has(node) && !nameUnknown(node)) {
            report([...xp, 'at'], `"${x.at}": no host, switch or VM named "${node}"${suggest(node, [...named.keys(), ...brokenNames])}`);
          }
        }
        break;
      case 'noLeaks':
        break;
      case 'leaks':
        if (x.from !== null) checkSelector(x.from, [...xp, 'from'], `${x.kind} from`, 'from');
        if (x.to !== null) checkSelector(x.to, [...xp, 'to'], `${x.kind} to`, 'to');
        for (const key of ['via', 'at'] as const) {
          const place = x[key];
          if (place === null) continue;
          const node = place.split('/')[0]!;
          if (!named.has(node) && !nameUnknown(node)) {
            report([...xp, key], `"${place}": no host, switch or VM named "${node}"${suggest(node, [...named.keys(), ...brokenNames])}`);
          }
        }
        if (x.max !== null && x.max < x.min) report([...xp, 'max'], `max ${x.max} is less than min ${x.min}`);
        break;
    }
  });

  return problems;
}

/** ` (did you mean "x"?)` when one is close, else ` (tenants: a, b)`, else ''. */
function suggestOrList(word: string, candidates: string[], what: string): string {
  const hint = suggest(word, candidates);
  if (hint) return hint;
  return candidates.length > 0 ? ` (${what}: ${candidates.join(', ')})` : '';
}

/** `host1 command "btctl addbr br0": btctl: command not found (did you mean brctl?)`, or null when it parses. */
export function commandProblem(host: string, line: string, check: CommandCheck): string | null {
  const r = check(line);
  return r.ok ? null : `${host} command "${line.trim()}": ${r.message}`;
}
