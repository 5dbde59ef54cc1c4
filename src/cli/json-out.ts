/**
 * Writes a value as `JSON.stringify(value, null, 2)` would, byte for byte, but in pieces: arrays
 * and objects are opened and walked, so no one string holds a whole large report (a run with
 * millions of samples made one longer than V8 allows: "Invalid string length"). Leaves (and
 * small containers deep down) are still stringified whole.
 */
export function writeJson(value: unknown, write: (s: string) => void, indent = ''): void {
  if (Array.isArray(value) && value.length > 0) {
    const inner = `${indent}  `;
    write('[\n');
    for (let i = 0; i < value.length; i++) {
      write(inner);
      // As JSON.stringify does: an array slot that JSON cannot hold is null.
      const v = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') write('null');
      else writeJson(v, write, inner);
      write(i < value.length - 1 ? ',\n' : '\n');
    }
    write(`${indent}]`);
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    // As JSON.stringify does: properties JSON cannot hold are left out.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length > 0) {
      const inner = `${indent}  `;
      write('{\n');
      entries.forEach(([k, v], i) => {
        write(`${inner}${JSON.stringify(k)}: `);
        writeJson(v, write, inner);
        write(i < entries.length - 1 ? ',\n' : '\n');
      });
      write(`${indent}}`);
      return;
    }
  }
  const text = JSON.stringify(value, null, 2);
  write(indent === '' ? text : text.replace(/\n/g, `\n${indent}`));
}
