/**
 * What running a command gives back: what the tool printed on stdout (`output`, each line ending in
 * a newline, trailing blanks trimmed) and, when it failed, what it printed on stderr (`error`,
 * without the final newline). Invariant: a failure always carries its message; a success never
 * does (its `error` is null, so both shapes have the same keys).
 */
export type CommandResult =
  | { readonly ok: true; readonly output: string; readonly error: null }
  | { readonly ok: false; readonly output: string; readonly error: string };

export function succeeded(output = ''): CommandResult {
  return { ok: true, output, error: null };
}

export function failed(error: string, output = ''): CommandResult {
  return { ok: false, output, error };
}

/** Succeeded when no error was met, else failed with every error, one a line (tools that go on after a failure). */
export function finished(output: string, errors: readonly string[]): CommandResult {
  return errors.length === 0 ? succeeded(output) : failed(errors.join('\n'), output);
}

/** Lines as a terminal shows them: each ends with a newline; trailing blanks are trimmed. */
export function printLines(lines: readonly string[]): string {
  return lines.map((line) => `${line.replace(/[ \t]+$/, '')}\n`).join('');
}
