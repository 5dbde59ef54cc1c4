/** A short span of simulated time as people read it in sentences about records: `48 µs`, `1.5 ms`, `2 s`. */
export function formatSpan(ns: number): string {
  const a = Math.abs(ns);
  if (a === 0) return '0 s';
  const trim = (x: number) => String(Math.round(x * 100) / 100);
  if (a >= 1e9) return `${trim(ns / 1e9)} s`;
  if (a >= 1e6) return `${trim(ns / 1e6)} ms`;
  if (a >= 1e3) return `${trim(ns / 1e3)} µs`;
  return `${Math.round(ns)} ns`;
}
