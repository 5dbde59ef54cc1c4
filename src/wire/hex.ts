/**
 * Hexadecimal numbers as frames print them: `0x` and at least `digits` lower-case digits (an
 * EtherType or TPID as 0x8100, a BPDU type as 0x02). Descriptions, layer views and parse errors
 * all use this one form, so a value reads the same wherever it appears.
 */
export function hex(n: number, digits = 4): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}
