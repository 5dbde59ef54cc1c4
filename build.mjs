// Bundles the CLI, the benchmark and the web app with esbuild. Run by `npm ci` (prepare).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022' };
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
if (existsSync('bench/main.ts')) {
  await build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', platform: 'node', format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
}
if (existsSync('web/build.mjs')) await import('./web/build.mjs');
