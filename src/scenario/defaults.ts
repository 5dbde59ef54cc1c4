/**
 * The built-in defaults of a scenario: what a key the file leaves out means. The schema fills the
 * simple ones; normalize.ts the ones a file's own `defaults` section can change (links, the
 * hypervisor hop). One table, so the docs, the schema and the loader cannot disagree.
 */
import { SECOND } from '../engine/time.js';

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
