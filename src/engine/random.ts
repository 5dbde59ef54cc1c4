import seedrandom from 'seedrandom';

/** A stream of uniform numbers in [0, 1). */
export type RandomStream = () => number;

/**
 * Every random draw comes from a seedrandom stream derived from (scenario seed, component name), so
 * a component's draws depend only on its own name: adding a VM does not change another VM's draws.
 */
export function randomStream(seed: number | string, component: string): RandomStream {
  const rng = seedrandom(`vnetsim:${seed}:${component}`);
  return () => rng.quick();
}
