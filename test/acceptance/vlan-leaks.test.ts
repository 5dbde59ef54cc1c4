/**
 * VLAN acceptance 2 (property): random multi-host, multi-tenant data centres built by a correct
 * recipe never leak, and one injected misconfiguration of a known kind is always caught by the
 * leak detector, which names the misconfigured place as the first bad hop.
 *
 * Recipes (each tenant t has VLAN 100 * (t + 1)):
 *   subif     - the article's design: per tenant on each host, eth0.VID and a bridge brVID holding
 *               the tenant's TAPs; switch ports are trunks.
 *   filtering - one VLAN-filtering br0 per host: eth0 a tagged member of every tenant VLAN, each
 *               TAP untagged with its tenant's VLAN as PVID; switch ports are trunks.
 *   access    - one tenant per host, bridged mode (br0 holds eth0 and the TAPs); the switch port
 *               is an access port in the host's tenant's VLAN.
 * With two switches, some hosts hang on each and a trunk joins them.
 *
 * Misconfigurations: a TAP on another tenant's bridge; a bridge's sub-interface with another
 * tenant's VID; a TAP with another tenant's PVID; VLAN filtering left off; a switch access port in
 * another tenant's VLAN; the two ends of the inter-switch trunk with different native VLANs.
 * (A promiscuous VM where unicast floods is scenario 08's subject; it needs a full MAC table.)
 *
 * Each scenario is written as YAML text and goes through the real loader, like a file.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Report } from '../../src/index.js';
import { runText } from './helpers.js';

const FC_SEED = 20_250_903;

type Recipe = 'subif' | 'filtering' | 'access';
type Kind = 'wrong-tap' | 'wrong-subif-vid' | 'wrong-tap-vid' | 'no-filtering' | 'access-wrong-vlan' | 'native-mismatch';

interface DcSpec {
  readonly recipe: Recipe;
  readonly tenants: number;
  /** Per host, the tenant of each of its VMs. */
  readonly hosts: readonly (readonly number[])[];
  /** Per host, the switch (0 or 1) it hangs on; all 0 with one switch. */
  readonly switchOf: readonly number[];
  readonly switches: 1 | 2;
  readonly seed: number;
}

interface Misconfig {
  readonly kind: Kind;
  /** The host (or, for native-mismatch, unused) and the VM index on it. */
  readonly host: number;
  readonly vm: number;
  /** The tenant whose VLAN or bridge the VM or host is wrongly put in; for native-mismatch, sw1's native tenant. */
  readonly into: number;
  /** For native-mismatch: sw2's native tenant. */
  readonly other: number;
}

const vid = (t: number) => 100 * (t + 1);

/** Every tenant has at least two VMs; access hosts carry one tenant; both switches get a host. */
function normalize(s: DcSpec): DcSpec {
  const hosts = s.hosts.map((vms) => (s.recipe === 'access' ? vms.map(() => vms[0]!) : [...vms]));
  for (let t = 0; t < s.tenants; t++) {
    const count = () => hosts.flat().filter((x) => x === t).length;
    const home = s.recipe === 'access' ? hosts.findIndex((vms) => vms[0] === t) : t % hosts.length;
    if (home < 0) hosts.push([t, t]);
    else while (count() < 2) hosts[home]!.push(t);
  }
  let switchOf = hosts.map((_, h) => (s.switches === 2 ? s.switchOf[h] ?? h % 2 : 0));
  if (s.switches === 2 && (!switchOf.includes(0) || !switchOf.includes(1))) switchOf = hosts.map((_, h) => h % 2);
  return { ...s, hosts, switchOf };
}

const dcArb: fc.Arbitrary<DcSpec> = fc.record({
  recipe: fc.constantFrom<Recipe>('subif', 'filtering', 'access'),
  tenants: fc.integer({ min: 2, max: 3 }),
  hosts: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
  switchOf: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }),
  switches: fc.constantFrom<1 | 2>(1, 2),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
}).map((s) => normalize({ ...s, hosts: s.hosts.map((vms) => vms.map((t) => t % s.tenants)) }));

const tenantsOn = (s: DcSpec, h: number) => [...new Set(s.hosts[h]!)].sort();
const hostsOf = (s: DcSpec, t: number) => s.hosts.flatMap((vms, h) => (vms.includes(t) ? [h] : []));

/** The misconfigurations that make sense on this data centre (each would leak if traffic crosses it). */
function applicable(s: DcSpec): Misconfig[] {
  const out: Misconfig[] = [];
  const T = s.tenants;
  s.hosts.forEach((vms, h) => {
    vms.forEach((b, vm) => {
      for (let a = 0; a < T; a++) {
        if (a === b) continue;
        if (s.recipe === 'subif') out.push({ kind: 'wrong-tap', host: h, vm, into: a, other: b });
        if (s.recipe === 'filtering') out.push({ kind: 'wrong-tap-vid', host: h, vm, into: a, other: b });
      }
    });
    for (const b of tenantsOn(s, h)) {
      for (let a = 0; a < T; a++) {
        if (a === b) continue;
        if (s.recipe === 'subif' && !tenantsOn(s, h).includes(a)) out.push({ kind: 'wrong-subif-vid', host: h, vm: 0, into: a, other: b });
        if (s.recipe === 'access') out.push({ kind: 'access-wrong-vlan', host: h, vm: 0, into: a, other: b });
      }
    }
    if (s.recipe === 'filtering' && tenantsOn(s, h).length >= 2) out.push({ kind: 'no-filtering', host: h, vm: 0, into: 0, other: 0 });
  });
  if (s.switches === 2 && s.recipe !== 'access') {
    for (let a = 0; a < T; a++) {
      for (let b = 0; b < T; b++) {
        if (a === b) continue;
        const aLeft = hostsOf(s, a).some((h) => s.switchOf[h] === 0);
        const bRight = hostsOf(s, b).some((h) => s.switchOf[h] === 1);
        if (aLeft && bRight) out.push({ kind: 'native-mismatch', host: 0, vm: 0, into: a, other: b });
      }
    }
  }
  return out;
}

/** The scenario text: the recipe, with `bad` (if any) applied. */
function scenario(s: DcSpec, bad: Misconfig | null): string {
  const T = s.tenants;
  const allVids = Array.from({ length: T }, (_, t) => vid(t));
  const out: string[] = [`name: vlan-dc-${s.recipe}`, `seed: ${s.seed}`, 'duration: 6s', '', 'switches:'];
  const ports = [0, 1].map((sw) => s.switchOf.filter((x) => x === sw).length + 1);
  const portOf: number[] = [];
  const used = [0, 0];
  s.hosts.forEach((_, h) => (portOf[h] = ++used[s.switchOf[h]!]!));
  for (let sw = 0; sw < s.switches; sw++) {
    out.push(`  - name: sw${sw + 1}`, `    ports: ${ports[sw]}`, '    vlans:');
    s.hosts.forEach((vms, h) => {
      if (s.switchOf[h] !== sw) return;
      let mode = s.recipe === 'access' ? `{ mode: access, vlan: ${vid(vms[0]!)} }` : `{ mode: trunk, allowed: [${allVids.join(', ')}] }`;
      if (bad?.kind === 'access-wrong-vlan' && bad.host === h) mode = `{ mode: access, vlan: ${vid(bad.into)} }`;
      out.push(`      p${portOf[h]}: ${mode}`);
    });
    if (s.switches === 2) {
      const native = bad?.kind === 'native-mismatch' ? vid(sw === 0 ? bad.into : bad.other) : 1;
      out.push(`      p${ports[sw]}: { mode: trunk, allowed: [${allVids.join(', ')}], native: ${native} }`);
    }
  }
  out.push('', 'hosts:');
  let n = 0;
  s.hosts.forEach((vms, h) => {
    const host = `h${h + 1}`;
    const tapOf = (t: number) => vms.flatMap((x, i) => (x === t ? [`tap${i}`] : []));
    const cmds: string[] = [];
    if (s.recipe === 'subif') {
      for (const t of tenantsOn(s, h)) {
        let v = vid(t);
        if (bad?.kind === 'wrong-subif-vid' && bad.host === h && bad.other === t) v = vid(bad.into);
        cmds.push(`vconfig add eth0 ${v}`, `ip link set eth0.${v} up`, `brctl addbr br${vid(t)}`, `brctl addif br${vid(t)} eth0.${v}`);
        for (const tap of tapOf(t)) {
          const wrong = bad?.kind === 'wrong-tap' && bad.host === h && tap === `tap${bad.vm}`;
          if (!wrong) cmds.push(`brctl addif br${vid(t)} ${tap}`);
        }
        cmds.push(`ip link set br${vid(t)} up`);
      }
      if (bad?.kind === 'wrong-tap' && bad.host === h) {
        const br = `br${vid(bad.into)}`;
        if (!tenantsOn(s, h).includes(bad.into)) {
          // The operator's target bridge: tenant `into`'s, provisioned on this host too.
          const v = vid(bad.into);
          cmds.push(`vconfig add eth0 ${v}`, `ip link set eth0.${v} up`, `brctl addbr ${br}`, `brctl addif ${br} eth0.${v}`, `ip link set ${br} up`);
        }
        cmds.push(`brctl addif ${br} tap${bad.vm}`);
      }
    } else if (s.recipe === 'filtering') {
      cmds.push('brctl addbr br0');
      if (!(bad?.kind === 'no-filtering' && bad.host === h)) cmds.push('ip link set br0 type bridge vlan_filtering 1');
      cmds.push('brctl addif br0 eth0');
      for (const v of allVids) cmds.push(`bridge vlan add dev eth0 vid ${v}`);
      vms.forEach((t, i) => {
        const v = bad?.kind === 'wrong-tap-vid' && bad.host === h && bad.vm === i ? vid(bad.into) : vid(t);
        cmds.push(`brctl addif br0 tap${i}`, `bridge vlan add dev tap${i} vid ${v} pvid untagged`, `bridge vlan del dev tap${i} vid 1`);
      });
      cmds.push('ip link set br0 up');
    } else {
      cmds.push('brctl addbr br0', 'brctl addif br0 eth0', ...vms.map((_, i) => `brctl addif br0 tap${i}`), 'ip link set br0 up');
    }
    out.push(`  - name: ${host}`, '    nics: [eth0]', '    commands:', ...cmds.map((c) => `      - ${c}`), '    vms:');
    vms.forEach((t, i) => {
      n++;
      out.push(`      - { name: vm${n}, tenant: t${t}, tap: tap${i}, ip: 10.${t}.0.${n}/24 }`);
    });
  });
  out.push('', 'links:');
  s.hosts.forEach((_, h) => out.push(`  - { a: h${h + 1}/eth0, b: sw${s.switchOf[h]! + 1}/p${portOf[h]} }`));
  if (s.switches === 2) out.push(`  - { a: sw1/p${ports[0]}, b: sw2/p${ports[1]} }`);
  out.push('', 'traffic:');
  for (let t = 0; t < T; t++) out.push(`  - ping: { from: "tenant:t${t}", to: "tenant:t${t}", count: 1, start: 1s, stagger: 5ms }`);
  return out.join('\n') + '\n';
}

/** Where the detector should say the misconfigured hop is (any of these). */
function expectedPlaces(s: DcSpec, bad: Misconfig): string[] {
  const host = `h${bad.host + 1}`;
  const owners = (t: number) => hostsOf(s, t).filter((h) => h !== bad.host).length;
  const switches = ['sw1', 'sw2'];
  switch (bad.kind) {
    case 'wrong-tap':
      return [`${host}/br${vid(bad.into)}`, `${host}/eth0.${vid(bad.into)}`];
    case 'wrong-subif-vid':
      // With one other host of the VLAN's tenant, the two sides tie: the switch's VLAN is named as shared.
      return owners(bad.into) >= 2 ? [`${host}/eth0.${vid(bad.into)}`] : [`${host}/eth0.${vid(bad.into)}`, ...switches];
    case 'wrong-tap-vid':
      return [`${host}/br0`, `${host}/tap${bad.vm}`];
    case 'no-filtering':
      return [`${host}/br0`];
    case 'access-wrong-vlan': {
      const port = `sw${s.switchOf[bad.host]! + 1}/p${s.switchOf.slice(0, bad.host + 1).filter((x) => x === s.switchOf[bad.host]).length}`;
      return owners(bad.into) >= 2 ? [port] : [port, ...switches];
    }
    case 'native-mismatch': {
      const trunk = (sw: number) => `sw${sw + 1}/p${s.switchOf.filter((x) => x === sw).length + 1}`;
      return [trunk(0), trunk(1)];
    }
  }
}

const explain = (text: string, r?: Report) =>
  `\n--- generated scenario ---\n${text}${r ? `\n--- leaks (first 5 kinds) ---\n${JSON.stringify(r.leaks.kinds.slice(0, 5).map((k) => ({ ...k.first, path: undefined, count: k.count })), null, 1)}` : ''}`;

describe('random VLAN data centres', () => {
  test('the generator covers every recipe, one and two switches, and every misconfiguration kind', () => {
    const samples = fc.sample(dcArb, { seed: FC_SEED, numRuns: 300 });
    expect(new Set(samples.map((s) => s.recipe))).toEqual(new Set(['subif', 'filtering', 'access']));
    expect(samples.some((s) => s.switches === 2)).toBe(true);
    const kinds = new Set(samples.flatMap((s) => applicable(s).map((m) => m.kind)));
    expect(kinds).toEqual(new Set<Kind>(['wrong-tap', 'wrong-subif-vid', 'wrong-tap-vid', 'no-filtering', 'access-wrong-vlan', 'native-mismatch']));
    for (const s of samples) for (let t = 0; t < s.tenants; t++) expect(s.hosts.flat().filter((x) => x === t).length).toBeGreaterThanOrEqual(2);
  });

  test('built by a correct recipe: no leaks, and every VM reaches every VM of its tenant (40 data centres)', () => {
    fc.assert(fc.property(dcArb, (s) => {
      const text = scenario(s, null);
      const r = runText(text, 'generated-vlan-dc.yaml');
      expect(r.leaks.count, `leaks in a correct data centre${explain(text, r)}`).toBe(0);
      const silent = r.pings.filter((p) => p.received !== p.sent).map((p) => `${p.from} -> ${p.to}`);
      expect(silent, `pings within a tenant go unanswered${explain(text)}`).toStrictEqual([]);
      expect(r.frames.conserved).toBe(true);
    }), { seed: FC_SEED, numRuns: 40 });
  }, 120_000);

  test('one injected misconfiguration is always detected, at the misconfigured place (80 data centres)', () => {
    const arb = dcArb.chain((s) => {
      const bad = applicable(s);
      return fc.record({ s: fc.constant(s), bad: fc.constantFrom(...bad) });
    });
    fc.assert(fc.property(arb, ({ s, bad }) => {
      const text = scenario(s, bad);
      const r = runText(text, 'generated-vlan-dc.yaml');
      expect(r.leaks.count, `the ${bad.kind} misconfiguration was not detected${explain(text)}`).toBeGreaterThan(0);
      const places = expectedPlaces(s, bad);
      const named = r.leaks.kinds.filter((k) => k.firstBadHop !== null && places.includes(k.firstBadHop));
      expect(named.length, `no leak of ${bad.kind} names ${places.join(' or ')} as its first bad hop${explain(text, r)}`).toBeGreaterThan(0);
    }), { seed: FC_SEED, numRuns: 80 });
  }, 240_000);
});
