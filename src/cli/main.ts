/**
 * The `vnetsim` command: parses the arguments, runs `run`, `validate` or `view`, and sets the exit
 * status (0 ok, 1 an expectation failed, 2 bad input, 3 internal error; see outcome.ts).
 */
import { VERSION } from '../index.js';
import { commandGuess, parseArgs } from './args.js';
import { commandHelp, commandSpec, usage } from './help.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './outcome.js';
import { cmdRun } from './run-many.js';
import { cmdValidate } from './validate.js';
import { holdYoungGenerationSmall } from './young-generation.js';

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    const spec = commandSpec(parsed.command);
    process.stderr.write(`vnetsim: ${parsed.message}\n${spec ? `(see vnetsim ${spec.name} --help)\n` : `\n${usage()}`}`);
    return EXIT_BAD_INPUT;
  }
  const args = parsed.args;
  if (args.flags.has('version')) { process.stdout.write(`vnetsim ${VERSION}\n`); return EXIT_OK; }
  const spec = commandSpec(args.command);
  if (args.flags.has('help') || args.command === 'help') {
    // `vnetsim help run` reads like `vnetsim run --help`.
    const about = spec ?? (args.command === 'help' ? commandSpec(args.files[0] ?? null) : undefined);
    process.stdout.write(about ? commandHelp(about) : usage());
    return EXIT_OK;
  }
  switch (spec?.name) {
    case 'run': return cmdRun(args);
    case 'validate': return cmdValidate(args);
    case 'view': void import('./view.js').then((m) => { process.exitCode = m.cmdView(args); }); return EXIT_OK;
    case undefined: {
      if (args.command === null) { process.stderr.write(usage()); return EXIT_BAD_INPUT; }
      const guess = commandGuess(args.command);
      process.stderr.write(`vnetsim: unknown command "${args.command}"${guess ? `; did you mean ${guess}?` : ''}\n\n${usage()}`);
      return EXIT_BAD_INPUT;
    }
  }
}

try {
  holdYoungGenerationSmall();
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`vnetsim: internal error: ${(e as Error).message ?? String(e)}\nPlease report it with the scenario file that caused it.\n`);
  process.exitCode = EXIT_INTERNAL;
}
