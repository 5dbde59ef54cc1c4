/**
 * `vnetsim validate FILE...`: loads and builds each file as `run` would, without running it.
 * Text: `FILE: ok` on stdout, problems on stderr. `--json`: one object on stdout listing each file
 * as ok or with its problems (the same problem fields as `run --json` on bad input).
 */
import { prepareScenario, type Problem } from '../index.js';
import type { CliArgs } from './args.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './outcome.js';
import { expandFiles, printProblems, problemJson, readScenario } from './scenario-file.js';

function problemsOf(file: string): readonly Problem[] {
  const r = readScenario(file);
  if ('problem' in r) return [r.problem];
  const prepared = prepareScenario(r.text, file);
  return prepared.ok ? [] : prepared.problems;
}

export function cmdValidate(args: CliArgs): number {
  if (args.files.length === 0) {
    process.stderr.write('vnetsim validate: name at least one scenario file\n');
    return EXIT_BAD_INPUT;
  }
  const json = args.flags.has('json');
  const results = expandFiles(args.files).map((file) => ({ file, problems: problemsOf(file) }));
  if (json) {
    const files = results.map((r) => (r.problems.length === 0 ? { file: r.file, ok: true }
      : { file: r.file, ok: false, problems: r.problems.map(problemJson) }));
    process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
  } else {
    for (const r of results) {
      if (r.problems.length > 0) printProblems(r.problems);
      else process.stdout.write(`${r.file}: ok\n`);
    }
  }
  return results.some((r) => r.problems.length > 0) ? EXIT_BAD_INPUT : EXIT_OK;
}
