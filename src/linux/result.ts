/**
 * What running a command gives back: what the tool printed on stdout (`output`, each line ending in
 * a newline, trailing blanks trimmed) and, on failure, what it printed on stderr (`error`, without
 * the final newline).
 */
export interface CommandResult {
  ok: boolean;
  output: string;
  error: string | null;
}

export function succeeded(output = ''): CommandResult {
  return { ok: true, output, error: null };
}

export function failed(error: string, output = ''): CommandResult {
  return { ok: false, output, error };
}

/** Lines as a terminal shows them: each ends with a newline; trailing blanks are trimmed. */
export function printLines(lines: readonly string[]): string {
  return lines.map((line) => `${line.replace(/[ \t]+$/, '')}\n`).join('');
}
