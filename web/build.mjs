// Bundles the visualizer (page + Web Worker) into web/dist/ with esbuild. Imported by the root
// build.mjs; also runnable alone: `node web/build.mjs`.
//
// The built-in scenarios are every scenarios/*.yaml at build time, bundled as text through the
// virtual module `virtual:scenarios`, so a scenario added to the folder shows up after a rebuild.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const root = dirname(web);
const out = join(web, 'dist');

/** First comment line ("# 03 — A broadcast storm (...)") as the title, the leading comment block as notes. */
function scenarioEntry(file) {
  const text = readFileSync(join(root, 'scenarios', file), 'utf8');
  return { file: `scenarios/${file}`, text };
}

const scenariosPlugin = {
  name: 'vnetsim-scenarios',
  setup(b) {
    b.onResolve({ filter: /^virtual:scenarios$/ }, () => ({ path: 'scenarios', namespace: 'vnetsim-scenarios' }));
    b.onLoad({ filter: /.*/, namespace: 'vnetsim-scenarios' }, () => {
      const dir = join(root, 'scenarios');
      const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
      const list = files.map(scenarioEntry);
      return { contents: `export default ${JSON.stringify(list)};`, loader: 'js', watchDirs: [dir], watchFiles: files.map((f) => join(dir, f)) };
    });
  },
};

mkdirSync(out, { recursive: true });
const common = {
  bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022', format: 'esm', platform: 'browser',
  minify: true, legalComments: 'none',
};
await Promise.all([
  build({ ...common, entryPoints: [join(web, 'src/main.ts')], outfile: join(out, 'app.js'), plugins: [scenariosPlugin] }),
  build({ ...common, entryPoints: [join(web, 'src/worker.ts')], outfile: join(out, 'worker.js') }),
]);
for (const f of ['index.html', 'style.css', 'favicon.svg']) copyFileSync(join(web, 'static', f), join(out, f));

// The visualizer's part of `npm run bench` (bench/web.ts -> dist/bench-web.js).
if (existsSync(join(root, 'bench/web.ts'))) {
  await build({
    bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022', format: 'esm', platform: 'node',
    entryPoints: [join(root, 'bench/web.ts')], outfile: join(root, 'dist/bench-web.js'), packages: 'external',
  });
}
