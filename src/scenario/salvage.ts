/**
 * A file the schema rejected, rebuilt from the entries that parse on their own, so the
 * whole-document checks still run on it and every problem comes out in one run.
 *
 * Invariant: what could not be read is never reported as missing. Names (and tenants) written in
 * a rejected host or switch entry are kept as `incomplete`, and a section that is not a list at
 * all makes every name unknowable; semantic.ts then stays silent about references to them.
 */
import { normalize } from './normalize.js';
import { BUILTIN_DEFAULTS } from './defaults.js';
import { LIST_SECTIONS, scenarioSchema, type ParsedScenario } from './schema.js';
import { DAY } from './schema-values.js';
import type { PathSegment } from './problem.js';
import type { ScenarioDoc } from './document.js';
import type { ListSection, SemanticOptions } from './semantic.js';

interface Salvaged {
  doc: ScenarioDoc;
  /** Commands (strings) of host entries that failed the schema. */
  looseCommands: { path: PathSegment[]; host: string; line: string }[];
  origin: Record<ListSection, number[]>;
  incomplete: NonNullable<SemanticOptions['incomplete']>;
}

/** The parts of a file the schema rejected as a whole, rebuilt from the entries that parse on their own. */
export function salvage(raw: Record<string, unknown>): Salvaged {
  const shape = scenarioSchema.shape;
  const names = new Set<string>();
  const tenants = new Set<string>();
  let allNames = false;
  let allTenants = false;
  let durationBroken = false;

  const field = <K extends keyof typeof shape>(key: K, fallback: unknown): unknown => {
    const r = shape[key].safeParse(raw[key]);
    if (r.success) return r.data;
    if (key === 'duration') durationBroken = true;
    return fallback;
  };
  const origin = { hosts: [], switches: [], links: [], traffic: [], timeline: [], expect: [] } as Record<ListSection, number[]>;
  const looseCommands: Salvaged['looseCommands'] = [];
  const lists: Record<string, unknown[]> = {};
  for (const key of Object.keys(LIST_SECTIONS) as ListSection[]) {
    const items = raw[key];
    lists[key] = [];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      if (key === 'hosts') allNames = allTenants = true;
      if (key === 'switches') allNames = true;
      continue;
    }
    items.forEach((item, i) => {
      const r = LIST_SECTIONS[key].safeParse(item);
      if (r.success) {
        lists[key]!.push(r.data);
        origin[key].push(i);
        return;
      }
      if (key === 'hosts' || key === 'switches') collectNames(item, names, tenants, () => (allNames = allTenants = true));
      if (key === 'hosts') looseCommands.push(...commandsOf(item, i));
    });
  }
  const parsed = {
    name: field('name', ''),
    description: field('description', ''),
    seed: field('seed', BUILTIN_DEFAULTS.seed),
    duration: field('duration', DAY),
    eventBudget: field('eventBudget', BUILTIN_DEFAULTS.eventBudget),
    defaults: field('defaults', undefined),
    report: field('report', { interval: BUILTIN_DEFAULTS.reportInterval }),
    ...lists,
  } as ParsedScenario;
  return {
    doc: normalize(parsed),
    looseCommands,
    origin,
    incomplete: { names: allNames ? 'all' : names, tenants: allTenants ? 'all' : tenants, duration: durationBroken },
  };
}

/** Names (and tenants) written in a host or switch entry that failed, so nobody reports them missing. */
function collectNames(item: unknown, names: Set<string>, tenants: Set<string>, unknowable: () => void): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
  const o = item as Record<string, unknown>;
  if (typeof o.name === 'string') names.add(o.name.trim());
  else unknowable();
  if (o.vms === undefined) return;
  if (!Array.isArray(o.vms)) return unknowable();
  for (const vm of o.vms) {
    if (vm === null || typeof vm !== 'object') continue;
    const v = vm as Record<string, unknown>;
    if (typeof v.name === 'string') names.add(v.name.trim());
    else unknowable();
    tenants.add(typeof v.tenant === 'string' ? v.tenant : BUILTIN_DEFAULTS.tenant);
  }
}

function commandsOf(item: unknown, index: number): Salvaged['looseCommands'] {
  if (item === null || typeof item !== 'object') return [];
  const o = item as Record<string, unknown>;
  if (!Array.isArray(o.commands)) return [];
  const host = typeof o.name === 'string' ? o.name : `hosts[${index}]`;
  return o.commands.flatMap((line, c) =>
    typeof line === 'string' && line.trim() !== '' ? [{ path: ['hosts', index, 'commands', c], host, line }] : []);
}
