// Bundles the CLI, the benchmark and the web app with esbuild. Run by `npm ci` (prepare).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// Whitespace minified: a smaller, all-ASCII source is a smaller string in V8's heap (names stay readable).
const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022', minifyWhitespace: true, charset: 'ascii' };
// Split so that `vnetsim view`'s HTTP server (node:http, node:child_process) loads only for `view`.
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]', platform: 'node', format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
if (existsSync('bench/main.ts')) {
  await build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', platform: 'node', format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
}
if (existsSync('web/build.mjs')) await import('./web/build.mjs');
