/**
 * The Linux command lines of a scenario, each parsed once (src/linux/parse.ts): the loader parses
 * them while checking the document, and the builder runs what was parsed instead of reading the
 * line again.
 *
 * Invariant: what a line parses to depends on its text alone and a `LinuxOp` is never changed, so
 * a line written twice (on two hosts, or at two times) is parsed once and its op shared.
 */
import { parseCommand, type ParseResult } from '../linux/parse.js';

export class ParsedCommands {
  private readonly byLine = new Map<string, ParseResult>();

  /** The line's op, or the message the shell or the tool would print for it. */
  parse(line: string): ParseResult {
    let parsed = this.byLine.get(line);
    if (parsed === undefined) {
      parsed = parseCommand(line);
      this.byLine.set(line, parsed);
    }
    return parsed;
  }
}
