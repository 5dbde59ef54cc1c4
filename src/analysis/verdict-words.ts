/**
 * The words and tests expectations' verdicts share: how a selector is quoted, which names a
 * `to` stands for, how a share and a min/max range are written and judged. One place, so every
 * kind's sentence reads alike.
 */
import type { ScenarioDoc, Selector } from '../scenario/document.js';
import { resolveSelector } from '../scenario/selectors.js';

/** `vm1`, or `[vm1, tenant:red]` for a list. */
export function selectorText(sel: Selector): string {
  return Array.isArray(sel) ? `[${sel.join(', ')}]` : sel;
}

/** The names one `to` term stands for, as ping pairs and streams record them (an address stays itself). */
export function targetNames(doc: ScenarioDoc, s: string): string[] {
  return /^\d+\.\d+\.\d+\.\d+$/.test(s) ? [s] : resolveSelector(doc, s);
}

/** `0.5%`: a fraction as a percentage, at most two decimals. */
export function pct(fraction: number): string {
  return `${+(fraction * 100).toFixed(2)}%`;
}

/** `at least X`, `at most Y`, `between X and Y`, `exactly X`. */
export function rangeText(min: number | null, max: number | null, fmt: (v: number) => string): string {
  if (min !== null && max !== null) return min === max ? `exactly ${fmt(min)}` : `between ${fmt(min)} and ${fmt(max)}`;
  return min !== null ? `at least ${fmt(min)}` : `at most ${fmt(max!)}`;
}

export function inRange(v: number, min: number | null, max: number | null): boolean {
  return (min === null || v >= min) && (max === null || v <= max);
}
