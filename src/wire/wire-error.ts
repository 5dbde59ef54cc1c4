/**
 * How parsing bytes fails. Every `parse*` function of a protocol file throws a `WireError` whose
 * message says what is wrong ("UDP checksum 0x00d8 != 0xebd8"); only `decodeFrame` (ethernet.ts)
 * catches it and turns it into an error value, so no protocol file returns half a value.
 */
export class WireError extends Error {}

/** Throws unless `count` bytes of `what` are present at offset `o`, before `end`. */
export function needBytes(o: number, count: number, what: string, end: number): void {
  if (o + count > end) throw new WireError(`truncated ${what}: needs ${count} bytes, ${Math.max(0, end - o)} left`);
}
