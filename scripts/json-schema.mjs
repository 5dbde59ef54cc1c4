// Regenerates docs/scenario.schema.json from the zod schema in src/scenario/schema.ts:
//   node scripts/json-schema.mjs          (writes the file)
//   node scripts/json-schema.mjs --check  (exits 1 when the committed file is stale)
// test/scenario/json-schema.test.ts fails when the committed file differs from what this produces.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'scenario.schema.json');

const bundle = await build({
  entryPoints: [join(root, 'src', 'scenario', 'schema.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { scenarioJsonSchemaText } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const text = scenarioJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(out, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== text) {
    console.error('docs/scenario.schema.json is stale; run: node scripts/json-schema.mjs');
    process.exit(1);
  }
  console.log('docs/scenario.schema.json is up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
