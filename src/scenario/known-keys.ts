/**
 * The keys a map in the file may have, read from the zod schema, so an unknown key gets a "did you
 * mean" answer or the list of keys that map takes.
 *
 * Only zod's public API is used (`instanceof` its classes, `.shape`, `.element`, `.valueType`,
 * `.options`, `.unwrap()`, a pipe's `.in`, a literal's `.values`), never its internal definition
 * objects, so a zod upgrade cannot silently change the answers. Wrappers (optional, default,
 * prefault, ...) and transforms are seen through: the keys are those of what a person writes.
 */
import * as z from 'zod/v4';
import { valueAt, type PathSegment } from './problem.js';

/** The object keys a schema accepts at a path of the raw document, or null when it is no object there. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[], raw: unknown): string[] | null {
  let s = schema;
  for (let i = 0; ; i++) {
    s = unwrapped(s);
    while (s instanceof z.ZodUnion) {
      const best = bestOption(s.options as readonly z.ZodType[], path, i, raw);
      if (best === undefined) return null;
      s = unwrapped(best);
    }
    if (i === path.length) return s instanceof z.ZodObject ? Object.keys(s.shape) : null;
    const next = childOf(s, path[i]!);
    if (next === undefined) return null;
    s = next;
  }
}

/**
 * The option of a union the raw value at `path[0..i)` most likely meant: the one sharing the most
 * keys with it (a discriminator it contradicts does not count), among those the rest of the path
 * (or, at its end, an object) fits.
 */
function bestOption(options: readonly z.ZodType[], path: readonly PathSegment[], i: number, raw: unknown): z.ZodType | undefined {
  const here = valueAt(raw, path.slice(0, i));
  let best: z.ZodType | undefined;
  let bestScore = -1;
  for (const o of options) {
    const keys = knownKeysAt(o, [], null);
    const score = keys === null ? -1 : here && typeof here === 'object' && !Array.isArray(here)
      ? Object.keys(here).filter((k) => keys.includes(k) && objectMatches(o, here as Record<string, unknown>, k)).length
      : 0;
    const next = i < path.length ? childOf(o, path[i]!) : o;
    if (score > bestScore && (i === path.length ? keys !== null : next !== undefined)) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}

/** A discriminator (a literal-valued key) that the raw value contradicts rules an option out. */
function objectMatches(option: z.ZodType, here: Record<string, unknown>, key: string): boolean {
  const field = childOf(option, key);
  return field instanceof z.ZodLiteral ? field.values.has(here[key] as never) : true;
}

/** The schema of one step down: a key of an object or record, an item of a list. */
function childOf(schema: z.ZodType, seg: PathSegment): z.ZodType | undefined {
  const s = unwrapped(schema);
  if (s instanceof z.ZodObject) return typeof seg === 'string' && Object.hasOwn(s.shape, seg) ? (s.shape[seg] as z.ZodType) : undefined;
  if (s instanceof z.ZodArray) return typeof seg === 'number' ? (s.element as z.ZodType) : undefined;
  if (s instanceof z.ZodRecord) return typeof seg === 'string' ? (s.valueType as z.ZodType) : undefined;
  if (s instanceof z.ZodUnion) {
    for (const o of s.options as readonly z.ZodType[]) {
      const c = childOf(o, seg);
      if (c) return c;
    }
  }
  return undefined;
}

/** The schema under its wrappers (optional, nullable, default, prefault, readonly, catch, non-optional) and transforms. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (
      s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault
      || s instanceof z.ZodReadonly || s instanceof z.ZodCatch || s instanceof z.ZodNonOptional
    ) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}
