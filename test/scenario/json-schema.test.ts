import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/schema.js';

const file = join(import.meta.dirname, '..', '..', 'docs', 'scenario.schema.json');

describe('docs/scenario.schema.json', () => {
  test('is what the generator produces (regenerate: node scripts/json-schema.mjs)', () => {
    expect(readFileSync(file, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  test('shows the input side: durations and rates as text or numbers, with help', () => {
    const s = scenarioJsonSchema() as any;
    expect(s.required).toEqual(['name', 'duration']);
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.duration.type).toEqual(['string', 'number']);
    expect(s.properties.duration.description).toMatch(/250us/);
    const link = s.properties.links.items;
    expect(link.properties.rate.type).toEqual(['string', 'number']);
    expect(link.additionalProperties).toBe(false);
    const ping = s.properties.traffic.items.properties.ping;
    expect(ping.properties.interval.default).toBe('1s');
    expect(ping.properties.count.default).toBe(3);
    expect(s.properties.hosts.items.properties.vms.items.required).toEqual(['name', 'ip']);
  });

  test('every property has a description', () => {
    const missing: string[] = [];
    const walk = (node: any, path: string) => {
      if (!node || typeof node !== 'object') return;
      if (node.properties) {
        for (const [k, v] of Object.entries<any>(node.properties)) {
          if (!v.description) missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
      if (node.items) walk(node.items, `${path}[]`);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`);
      for (const k of ['anyOf', 'oneOf']) if (Array.isArray(node[k])) node[k].forEach((n: any, i: number) => walk(n, `${path}|${i}`));
    };
    walk(scenarioJsonSchema(), '');
    expect(missing).toEqual([]);
  });
});
