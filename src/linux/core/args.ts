/**
 * The argument rules every tool here shares, each written once: iproute2's keyword matching, its
 * `NEXT_ARG` cursor and stock complaints (lib/utils.c), C's number readers (`strtoul`, `strtol`,
 * `atoi`, `sscanf("%i")`), and the kernel's limits on interface names, VLAN ids and MTUs.
 * Invariant: a reader gives a value exactly as C would read it, or null (or the tool's refusal);
 * nothing is clamped or rounded into range.
 */
import { refuse } from './errors.js';

// ---- iproute2's keywords and cursor ------------------------------------------------------------

/** iproute2's `matches(word, keyword)`: the word is a non-empty prefix of the keyword (`ip a` = address). */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

const INCOMPLETE = 'Command line is not complete. Try option "help"';

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
    return this.words[this.i] ?? '';
  }

  advance(): void {
    this.i++;
  }

  /** `NEXT_ARG()`: the value after a keyword; its absence is the "not complete" complaint. */
  nextArg(): string {
    this.i++;
    const word = this.words[this.i];
    return word ?? refuse(INCOMPLETE);
  }

  /** The words after the current one. */
  rest(): string[] {
    return this.words.slice(this.i + 1);
  }
}

// ---- C's number readers ------------------------------------------------------------------------

/** The value of a C integer literal's digits: `0x` hex, a leading 0 octal, else decimal. */
function cDigits(digits: string): number {
  if (/^0[xX]/.test(digits)) return parseInt(digits.slice(2), 16);
  return digits.length > 1 && digits.startsWith('0') ? parseInt(digits.slice(1), 8) : Number(digits);
}

/** C `strtoul(text, &end, 0)` that must consume the whole word and fit `max`; null otherwise. */
export function parseUnsigned(text: string, max: number): number | null {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m?.[1]) return null;
  const value = cDigits(m[1]);
  return value <= max ? value : null;
}

/** C `strtol(text, &end, 0)` into an int; null when malformed or out of range. */
export function parseInteger(text: string): number | null {
  const m = /^\s*([+-]?)(.*)$/.exec(text);
  const magnitude = parseUnsigned(m?.[2] ?? '', 2 ** 31);
  if (magnitude === null) return null;
  const value = m?.[1] === '-' ? -magnitude : magnitude;
  return value <= 2 ** 31 - 1 ? value : null;
}

/** C `atoi`: leading blanks, a sign, digits; whatever follows is ignored; no digits is 0. */
export function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** `sscanf("%i")`: optional sign, then decimal, 0x hex or 0 octal digits; what follows is ignored. */
export function scanInt(text: string): number | null {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(text);
  if (!m?.[2]) return null;
  const v = cDigits(m[2]);
  return m[1] === '-' ? -v : v;
}

// ---- the kernel's limits -----------------------------------------------------------------------

/** Room for an interface name with its terminating NUL: names have at most 15 characters. */
export const IFNAMSIZ = 16;
/** Room for an alternative name (iproute2 takes a `dev` word up to this before looking it up). */
const ALTIFNAMSIZ = 128;

/** iproute2's `check_ifname`: 1 to 15 characters, no blank and no `/`. */
export function fitsIfname(name: string): boolean {
  return name.length > 0 && name.length < IFNAMSIZ && !/[\s/]/.test(name);
}

/** The kernel's `dev_valid_name`: what `check_ifname` allows, without `:` and other than `.` and `..`. */
export function isValidIfname(name: string): boolean {
  return fitsIfname(name) && name !== '.' && name !== '..' && !name.includes(':');
}

/** iproute2's `check_altifname`: a device word it will look up at all. */
export function fitsAltIfname(name: string): boolean {
  return name.length > 0 && name.length < ALTIFNAMSIZ && !/[\s/]/.test(name);
}

/** VLAN ids 0 and 4095 are reserved (802.1Q); a 12-bit field holds VLAN_N_VID values. */
export const MIN_VID = 1;
export const MAX_VID = 4094;
export const VLAN_N_VID = 4096;

export function isValidVid(vid: number): boolean {
  return vid >= MIN_VID && vid <= MAX_VID;
}

/** ETH_MIN_MTU and IP_MAX_MTU: the MTUs an Ethernet device of this kernel takes. */
export const MIN_MTU = 68;
export const MAX_MTU = 65535;
