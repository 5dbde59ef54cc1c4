/**
 * Why a frame leaked: the first hop of its path where the configuration let it into the other
 * tenant's world, with a sentence that says what is wrong there. Tried in this order:
 *
 * 1. its VLAN changed on a cable: the two ends disagree on the native VLAN, or a trunk's native
 *    VLAN stripped the outer tag of a double-tagged frame and exposed the inner one;
 * 2. a bridge (or one VLAN of a VLAN-filtering bridge) holds TAPs of both tenants;
 * 3. a bridge or switch flooded unicast it could not place (a full MAC table, an unlearned
 *    address) into a segment the victim shares;
 * 4. both tenants' bridges hang on one VLAN: the side whose tenant has fewer attachments to that
 *    VLAN across the network is the one configured into the wrong VLAN (a sub-interface with the
 *    wrong VID, a switch access port in the wrong VLAN); with no majority, the VLAN itself is shared.
 */
import { formatDuration } from '../engine/time.js';
import { BridgeDevice } from '../net/l2/bridge.js';
import { Netdev } from '../net/dev/netdev.js';
import { PhysicalSwitch, SwitchPort } from '../net/l2/switch.js';
import type { Place } from '../trace/place.js';
import type { LeakCause } from '../scenario/document.js';
import { formatMac } from '../wire/mac.js';
import { bridgeOf, childFor, classify, type Step } from './leak-path.js';

export type { LeakCause };

interface Culprit {
  /** The device or port where the leak was let in, like `host1/br0`, `sw1/p3`, `host3/eth0.100`. */
  readonly place: string;
  readonly cause: LeakCause;
  /** One or two sentences for a student: what is configured there and why that leaks. */
  readonly explanation: string;
}

/** What the analysis needs to know about the scenario's VMs and what happened so far. */
export interface LeakContext {
  /** The VM behind a TAP netdev, if the place is one. */
  vmOfTap(p: Place): { readonly name: string; readonly tenant: string } | undefined;
  readonly switches: Iterable<PhysicalSwitch>;
  /** The latest timeline command on `host` that names `word`, if any. */
  commandNaming(host: string, word: string): { readonly t: number; readonly line: string } | null;
}

interface LeakFacts {
  readonly sourceTenant: string;
  readonly victimTenant: string;
  readonly victim: string;
  /** The frame was unicast to another MAC and reached a promiscuous VM. */
  readonly sniffed: boolean;
  /** The first device that flooded this unicast lineage, if one did. */
  readonly flooded: Place | null;
  readonly dst: number;
}

export function findCulprit(steps: readonly Step[], facts: LeakFacts, ctx: LeakContext): Culprit | null {
  return vlanChange(steps)
    ?? sharedBridge(steps, facts, ctx)
    ?? unicastFlood(facts)
    ?? vlanOwnership(steps, facts, ctx);
}

// ---- 1. the VLAN changed on a cable ------------------------------------------------------------

function vlanChange(steps: readonly Step[]): Culprit | null {
  for (let i = 0; i < steps.length; i++) {
    const w = steps[i]!;
    if (w.kind !== 'wire') continue;
    const before = vlanBefore(steps[i - 1]);
    const after = vlanAfter(w, steps[i + 1]);
    if (before === null || after === null || before === after) continue;
    const from = w.from.name;
    const to = w.to.name;
    if (w.frame.tags.length === 0) {
      return {
        place: to, cause: 'native-vlan-mismatch',
        explanation: `${from} sends VLAN ${before} untagged (its native VLAN is ${before}) but ${to} puts untagged frames in VLAN ${after} `
          + `(its native VLAN is ${after}): the two ends of the trunk disagree on the native VLAN, so VLAN ${before} leaks into VLAN ${after}.`,
      };
    }
    const prev = steps[i - 1];
    const tagsIn = prev !== undefined && (prev.kind === 'switch' || prev.kind === 'bridge') ? prev.frameIn.tags.length : 0;
    if (tagsIn > w.frame.tags.length) {
      return {
        place: from, cause: 'double-tagged',
        explanation: `${from} sends VLAN ${before} untagged because it is the trunk's native VLAN; that removed the outer tag of a `
          + `double-tagged frame and exposed the inner tag ${after}, so ${to} switched it in VLAN ${after}. `
          + `Give trunks a native VLAN no tenant uses (or tag the native VLAN).`,
      };
    }
    return {
      place: to, cause: 'vlan-changed',
      explanation: `${from} sends it in VLAN ${before} but ${to} takes it into VLAN ${after}.`,
    };
  }
  return null;
}

/** The VLAN the frame was in on the sending side of a cable, where a VLAN-aware device says so. */
function vlanBefore(s: Step | undefined): number | null {
  if (s === undefined) return null;
  if (s.kind === 'switch') return s.vlan;
  if (s.kind === 'bridge') return s.outSub !== null ? s.outSub.vid : s.vlan;
  return null;
}

/** The VLAN the receiving side of a cable put the frame in, where a VLAN-aware device says so. */
function vlanAfter(w: Step & { kind: 'wire' }, next: Step | undefined): number | null {
  if (w.to instanceof SwitchPort) {
    const v = classify(w.to.vlans, w.frame.tags);
    return v < 0 ? null : v;
  }
  if (next === undefined || next.kind !== 'bridge') return null;
  return next.inSub !== null ? next.inSub.vid : next.vlan;
}

// ---- 2. one bridge holds both tenants' TAPs ------------------------------------------------------

function sharedBridge(steps: readonly Step[], facts: LeakFacts, ctx: LeakContext): Culprit | null {
  const a = facts.sourceTenant;
  const b = facts.victimTenant;
  if (a === b) return null;
  for (const s of steps) {
    if (s.kind !== 'bridge') continue;
    const taps = tapsByTenant(s.bridge, s.vlan, ctx);
    const ofA = taps.get(a);
    const ofB = taps.get(b);
    if (ofA === undefined || ofB === undefined) continue;
    const br = s.bridge.name;
    const host = s.bridge.owner;
    const where = s.vlan !== null ? `VLAN ${s.vlan} of ${br}` : br;
    // The tenant with fewer TAPs here is the one that does not belong (on a tie, the one whose TAP
    // a timeline command put there); name its TAP and how it got there.
    let odd = ofA.length < ofB.length ? { tenant: a, taps: ofA } : ofB.length < ofA.length ? { tenant: b, taps: ofB } : null;
    if (odd === null) {
      const byA = latestCommand(host, ofA, ctx);
      const byB = latestCommand(host, ofB, ctx);
      if (byA !== null && (byB === null || byA.t > byB.t)) odd = { tenant: a, taps: [byA.tap] };
      else if (byB !== null && (byA === null || byB.t > byA.t)) odd = { tenant: b, taps: [byB.tap] };
    }
    if (odd === null) {
      return {
        place: br, cause: 'shared-bridge',
        explanation: `${where} joins TAPs of tenant ${a} (${ofA.join(', ')}) and tenant ${b} (${ofB.join(', ')}) in one broadcast domain, `
          + `with no VLAN between them.`,
      };
    }
    const other = odd.tenant === a ? b : a;
    const tap = odd.taps[0]!;
    const cmd = ctx.commandNaming(host, tap);
    const how = cmd !== null ? `; ${tap} joined it at ${formatDuration(cmd.t)} (\`${cmd.line}\`)` : '';
    return {
      place: br, cause: 'shared-bridge',
      explanation: `${where} has ${tap}, a TAP of tenant ${odd.tenant}, among TAPs of tenant ${other} (${(odd.tenant === a ? ofB : ofA).join(', ')})${how}.`,
    };
  }
  return null;
}

/** Of these TAPs, the one a timeline command named last, with the command's time. */
function latestCommand(host: string, taps: readonly string[], ctx: LeakContext): { tap: string; t: number } | null {
  let best: { tap: string; t: number } | null = null;
  for (const tap of taps) {
    const c = ctx.commandNaming(host, tap);
    if (c !== null && (best === null || c.t > best.t)) best = { tap, t: c.t };
  }
  return best;
}

/** The TAP names of a bridge (in one VLAN when it filters), by tenant. */
function tapsByTenant(br: BridgeDevice, vlan: number | null, ctx: LeakContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of br.ports) {
    const vm = ctx.vmOfTap(p.dev);
    if (vm === undefined) continue;
    if (vlan !== null && !(p.vlans.pvid === vlan || p.vlans.isMember(vlan))) continue;
    let list = out.get(vm.tenant);
    if (list === undefined) out.set(vm.tenant, (list = []));
    list.push(p.dev.ifname);
  }
  return out;
}

// ---- 3. unicast flooded -------------------------------------------------------------------------

function unicastFlood(facts: LeakFacts): Culprit | null {
  const at = facts.flooded;
  if (at === null) return null;
  const place = at.name;
  const dst = formatMac(facts.dst);
  let why = 'it has not learned where that address is';
  const table = tableOf(at);
  if (table !== null && table.size >= table.capacity) why = `its MAC table is full (${table.size} of ${table.capacity} entries), so it cannot learn where that address is`;
  const who = facts.sniffed
    ? `${facts.victim} is promiscuous and keeps frames for other addresses`
    : `tenant ${facts.victimTenant}'s ${facts.victim} shares that segment`;
  return {
    place, cause: 'unicast-flood',
    explanation: `${place} flooded a unicast frame for ${dst} to every port of its VLAN because ${why}; ${who}.`,
  };
}

function tableOf(p: Place): { size: number; capacity: number } | null {
  if (p instanceof PhysicalSwitch || p instanceof BridgeDevice) return { size: p.forwarder.fdb.size, capacity: p.forwarder.fdb.capacity };
  return null;
}

// ---- 4. both tenants hang on one VLAN -----------------------------------------------------------

function vlanOwnership(steps: readonly Step[], facts: LeakFacts, ctx: LeakContext): Culprit | null {
  const a = facts.sourceTenant;
  const b = facts.victimTenant;
  if (a === b) return null;
  const first = steps.find((s): s is Step & { kind: 'switch' } => s.kind === 'switch');
  if (first === undefined) return null;
  const vlan = first.vlan;
  const owners = attachments(ctx, vlan);
  const nA = owners.get(a)?.size ?? 0;
  const nB = owners.get(b)?.size ?? 0;
  // Whose VLAN is it? The tenant for which it is home (where most of its bridges hang) while the
  // other tenant's home is elsewhere; failing that, the one with more bridges on it.
  let intruder: string | null = null;
  if (!isFlat(first.sw, vlan)) {
    const homes = homeVlans(ctx);
    const homeA = homes.get(a) ?? null;
    const homeB = homes.get(b) ?? null;
    if (homeA === vlan && homeB !== vlan) intruder = b;
    else if (homeB === vlan && homeA !== vlan) intruder = a;
    else if (nA !== nB) intruder = nA > nB ? b : a;
  }
  if (intruder === null) {
    return {
      place: first.sw.name, cause: 'shared-vlan',
      explanation: `VLAN ${vlan} on ${first.sw.name} carries both tenant ${a} and tenant ${b}: one flat L2 network, so every broadcast and `
        + `every flooded frame of one tenant reaches the other. Give each tenant its own VLAN.`,
    };
  }
  const owner = intruder === a ? b : a;
  const wrongSide = intruder === b ? victimSide(steps) : sourceSide(steps);
  if (wrongSide === null) return null;
  const home = homeVlans(ctx).get(intruder);
  const elsewhere = home !== undefined && home !== vlan ? `; tenant ${intruder}'s other VMs are in VLAN ${home}` : '';
  return {
    place: wrongSide.place, cause: 'wrong-vlan',
    explanation: `${wrongSide.place} puts tenant ${intruder}'s traffic in VLAN ${vlan}${wrongSide.how}, but VLAN ${vlan} is tenant ${owner}'s`
      + ` (${owners.get(owner)?.size ?? 0} of its bridges hang on it${elsewhere}).`,
  };
}

/** Each tenant's home VLAN: the one most of its bridges hang on (none when two VLANs tie). */
function homeVlans(ctx: LeakContext): Map<string, number> {
  const vlans = new Set<number>();
  for (const sw of ctx.switches) for (const p of sw.ports) for (const m of p.vlans.list()) vlans.add(m.vid);
  const best = new Map<string, { vlan: number; n: number; tie: boolean }>();
  for (const v of [...vlans].sort((x, y) => x - y)) {
    for (const [tenant, bridges] of attachments(ctx, v)) {
      const cur = best.get(tenant);
      if (cur === undefined || bridges.size > cur.n) best.set(tenant, { vlan: v, n: bridges.size, tie: false });
      else if (bridges.size === cur.n) cur.tie = true;
    }
  }
  const out = new Map<string, number>();
  for (const [tenant, b] of best) if (!b.tie) out.set(tenant, b.vlan);
  return out;
}

/** Every port of the switch is in `vlan` alone: a switch nobody cut into VLANs. */
function isFlat(sw: PhysicalSwitch, vlan: number): boolean {
  for (const p of sw.ports) {
    if (p.vlans.allowAll || p.vlans.pvid !== vlan) return false;
    const members = p.vlans.list();
    if (members.length !== 1 || members[0]!.vid !== vlan) return false;
  }
  return true;
}

/** Where the sender's frame was given the VLAN it travelled in: a sub-interface, a VLAN-filtering bridge's TAP port, or a switch port. */
function sourceSide(steps: readonly Step[]): { place: string; how: string } | null {
  for (const s of steps) {
    if (s.kind === 'bridge' && s.outSub !== null) return { place: s.outSub.name, how: ` (a VLAN ${s.outSub.vid} sub-interface enslaved to ${s.bridge.name})` };
    if (s.kind === 'bridge' && s.vlan !== null) return { place: s.inDev.name, how: ` (its PVID on ${s.bridge.name})` };
    if (s.kind === 'switch' && s.frameIn.tags.length === 0) return { place: s.inPort.name, how: ` (untagged frames arriving there join VLAN ${s.vlan})` };
  }
  return null;
}

/** Where the frame left the VLAN it travelled in toward the victim. */
function victimSide(steps: readonly Step[]): { place: string; how: string } | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.kind === 'bridge' && s.inSub !== null) return { place: s.inSub.name, how: ` (a VLAN ${s.inSub.vid} sub-interface enslaved to ${s.bridge.name})` };
    if (s.kind === 'bridge' && s.vlan !== null) return { place: s.outDev.name, how: ` (a member of VLAN ${s.vlan} on ${s.bridge.name})` };
    if (s.kind === 'switch' && s.frameOut.tags.length === 0) return { place: s.outPort.name, how: ` (it sends VLAN ${s.vlan} untagged to the host behind it)` };
  }
  return null;
}

/**
 * For one VLAN: per tenant, the host bridges with that tenant's TAPs that hang on the VLAN through a
 * switch port (tagged into a sub-interface or a VLAN-filtering bridge, or untagged into a bridge).
 */
function attachments(ctx: LeakContext, vlan: number): Map<string, Set<BridgeDevice>> {
  const out = new Map<string, Set<BridgeDevice>>();
  for (const sw of ctx.switches) {
    for (const port of sw.ports) {
      if (!port.carries(vlan) || port.cable === null) continue;
      const nic = port.cable.to;
      if (!(nic instanceof Netdev)) continue;
      const untagged = port.vlans.egressUntagged(vlan);
      let dev: Netdev = nic;
      if (!untagged) dev = childFor(nic, [{ tpid: 0x8100, pcp: 0, dei: 0, vid: vlan }]) ?? nic;
      const br = bridgeOf(dev);
      if (br === null) continue;
      let inner: number | null = null;
      if (br.vlanFiltering) {
        const bp = br.portOf(dev);
        if (bp === undefined) continue;
        inner = classify(bp.vlans, untagged || dev !== nic ? [] : [{ tpid: 0x8100, pcp: 0, dei: 0, vid: vlan }]);
        if (inner < 0) continue;
      }
      for (const p of br.ports) {
        const vm = ctx.vmOfTap(p.dev);
        if (vm === undefined) continue;
        if (inner !== null && p.vlans.pvid !== inner) continue;
        let set = out.get(vm.tenant);
        if (set === undefined) out.set(vm.tenant, (set = new Set()));
        set.add(br);
      }
    }
  }
  return out;
}
