/**
 * From what the schema parsed to a `ScenarioDoc`: the defaults that depend on other parts of the
 * document (a link's parameters from defaults.link, a host's hypervisor hop from
 * defaults.hypervisor, a VM's TAP name from its place on its host, a UDP stream's stop from the
 * duration). The schema fills the simple defaults; after this, every key of the document is set.
 */
import type { HypervisorParams, LinkParams, ScenarioDoc } from './document.js';
import { BUILTIN_DEFAULTS } from './defaults.js';
import type { ParsedScenario } from './schema.js';

function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Fills the defaults that depend on other parts of the document. */
export function normalize(p: ParsedScenario): ScenarioDoc {
  const link: LinkParams = { ...BUILTIN_DEFAULTS.link, ...defined(p.defaults?.link) };
  const hypervisor: HypervisorParams = { ...BUILTIN_DEFAULTS.hypervisor, ...defined(p.defaults?.hypervisor) };
  return {
    name: p.name,
    description: p.description,
    seed: p.seed,
    duration: p.duration,
    eventBudget: p.eventBudget,
    defaults: { link, hypervisor },
    report: { interval: p.report.interval },
    hosts: p.hosts.map((h) => ({
      name: h.name,
      nics: h.nics,
      commands: h.commands,
      hypervisor: { ...hypervisor, ...defined(h.hypervisor) },
      vms: h.vms.map((v, i) => ({
        name: v.name,
        tenant: v.tenant,
        tap: v.tap ?? `tap${i}`,
        mac: v.mac ?? null,
        ip: v.ip,
        gateway: v.gateway ?? null,
        promiscuous: v.promiscuous,
      })),
    })),
    switches: p.switches.map((s) => ({ ...s })),
    links: p.links.map((l) => ({
      a: l.a.trim(),
      b: l.b.trim(),
      rate: l.rate ?? link.rate,
      delay: l.delay ?? link.delay,
      queue: l.queue ?? link.queue,
      queueBytes: l.queueBytes ?? link.queueBytes,
    })),
    traffic: p.traffic.map((t) => (t.kind === 'udp' ? { ...t, stop: Math.min(t.stop ?? p.duration, p.duration) } : t)),
    timeline: p.timeline.map((e) => ({ ...e })),
    expect: p.expect,
  };
}
