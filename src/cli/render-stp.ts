/** The spanning tree section of the human-readable report. */
import type { StpReport } from '../analysis/stp-report.js';
import { formatDuration } from '../engine/time.js';

const shortName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * The spanning tree part of the human report: when the tree settled, its root, and per bridge
 * its root port and which ports forward and which block.
 *
 *   spanning tree  converged in 30s (at 30s, after the change at 0s); root sw1 (1000.02:95:8b:af:9b:a9)
 *     sw1        root bridge               forwarding p1 p2 p3 p4
 *     sw2        root port p1, cost 100    forwarding p1 p2; blocking p4
 */
export function renderStp(s: StpReport, line: (text?: string) => void): void {
  line();
  const roots = s.roots.map((r) => (r.name ? `${r.name} (${r.id})` : r.id)).join(', ');
  const settled = s.convergedAt === null
    ? `NOT converged: ${s.unsettledPorts} port${s.unsettledPorts === 1 ? '' : 's'} still listening or learning at the end`
    : `converged in ${formatDuration(s.convergenceNs!)} (at ${formatDuration(s.convergedAt)}, after the change at ${formatDuration(s.lastChangeAt)})`;
  line(`spanning tree  ${settled}; root${s.roots.length === 1 ? '' : 's'} ${roots}`);
  const width = s.bridges.reduce((m, b) => Math.max(m, b.name.length), 0);
  for (const b of s.bridges) {
    const where = b.isRoot ? 'root bridge' : `root port ${b.rootPort === null ? '-' : shortName(b.rootPort)}, cost ${b.rootPathCost}`;
    const byState = new Map<string, string[]>();
    for (const p of b.ports) {
      if (p.state === 'disabled') continue;
      const list = byState.get(p.state) ?? [];
      list.push(shortName(p.name));
      byState.set(p.state, list);
    }
    const states = [...byState].map(([state, ports]) => `${state} ${ports.join(' ')}`).join('; ');
    line(`  ${b.name.padEnd(width)}  ${where.padEnd(24)}  ${states || 'no port up'}`);
  }
}
