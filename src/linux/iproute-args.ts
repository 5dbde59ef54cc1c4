/**
 * The argument conventions shared by iproute2's `ip` and `bridge` (lib/utils.c): keyword prefixes
 * (`matches`), stepping to a keyword's value (`NEXT_ARG`), C-style numbers, and the stock complaints.
 */
import { refuse } from './errors.js';

/** iproute2's `matches(word, keyword)`: the word is a non-empty prefix of the keyword (`ip a` = address). */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

export const INCOMPLETE = 'Command line is not complete. Try option "help"';

/** `Error: argument "X" is wrong: MSG` */
export function invarg(msg: string, arg: string): never {
  return refuse(`Error: argument "${arg}" is wrong: ${msg}`);
}

/** `Error: duplicate "KEY": "X" is the second value.` */
export function duparg(key: string, arg: string): never {
  return refuse(`Error: duplicate "${key}": "${arg}" is the second value.`);
}

/** `Error: either "KEY" is duplicate, or "X" is a garbage.` */
export function duparg2(key: string, arg: string): never {
  return refuse(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.`);
}

export function noDeviceMessage(dev: string): string {
  return `Cannot find device "${dev}"`;
}

export const DEV_REQUIRED = 'Not enough information: "dev" argument is required.';

/** A cursor over a command's words, in the shape of iproute2's `while (argc > 0)` loops. */
export class Argv {
  private i = 0;
  constructor(private readonly words: readonly string[]) {}

  get more(): boolean {
    return this.i < this.words.length;
  }

  get current(): string {
    return this.words[this.i]!;
  }

  advance(): void {
    this.i++;
  }

  /** `NEXT_ARG()`: the value after a keyword; its absence is the "not complete" complaint. */
  nextArg(): string {
    this.i++;
    if (this.i >= this.words.length) refuse(INCOMPLETE);
    return this.words[this.i]!;
  }

  /** The words after the current one. */
  rest(): string[] {
    return this.words.slice(this.i + 1);
  }
}

/** C `strtoul(text, &end, 0)` that must consume the whole word and fit `max`; null otherwise. */
export function parseUnsigned(text: string, max: number): number | null {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return null;
  const digits = m[1]!;
  const value = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.startsWith('0') && digits.length > 1 ? parseInt(digits.slice(1), 8) : Number(digits);
  return value <= max ? value : null;
}

/** C `strtol(text, &end, 0)` into an int; null when malformed or out of range. */
export function parseInteger(text: string): number | null {
  const m = /^\s*([+-]?)(.*)$/.exec(text)!;
  const magnitude = parseUnsigned(m[2]!, 2 ** 31);
  if (magnitude === null) return null;
  const value = m[1] === '-' ? -magnitude : magnitude;
  return value <= 2 ** 31 - 1 ? value : null;
}
