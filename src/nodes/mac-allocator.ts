/**
 * MAC addresses for VMs (52:54:00 prefix) and host devices (02 prefix), each derived from the
 * device's name; no MAC is handed out twice.
 */
import type { Mac } from '../wire/mac.js';

const LOW = 2 ** 24;

/**
 * Hands out MAC addresses that depend only on the device's name (FNV-1a of it), so adding a VM
 * never changes another device's address; a collision takes the next free value.
 * VMs get qemu's 52:54:00 prefix, host devices a locally administered 02: prefix.
 */
export class MacAllocator {
  // Used MACs split into (upper 24 bits -> set of lower 24 bits): both halves are small integers,
  // so 20,000 VM and TAP MACs cost no boxed 48-bit numbers; VM MACs share the 52:54:00 set.
  private readonly used = new Map<number, Set<number>>();

  private has(mac: Mac): boolean {
    return this.used.get(Math.floor(mac / LOW))?.has(mac % LOW) ?? false;
  }

  private add(mac: Mac): void {
    const high = Math.floor(mac / LOW);
    let set = this.used.get(high);
    if (set === undefined) this.used.set(high, (set = new Set()));
    set.add(mac % LOW);
  }

  claim(mac: Mac): boolean {
    if (this.has(mac)) return false;
    this.add(mac);
    return true;
  }

  forVm(name: string): Mac {
    return this.take(0x525400 * 2 ** 24, 2 ** 24, name);
  }

  forHostDevice(name: string): Mac {
    return this.take(0x02 * 2 ** 40, 2 ** 40, name);
  }

  private take(prefix: number, span: number, name: string): Mac {
    let h = fnv1a(name) % span;
    for (;;) {
      const mac = prefix + h;
      if (h !== 0 && !this.has(mac)) {
        this.add(mac);
        return mac;
      }
      h = (h + 1) % span;
    }
  }
}

/** 52-bit FNV-1a-style hash of a string (two 32-bit lanes combined), deterministic everywhere. */
function fnv1a(s: string): number {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 20 + ((b >>> 0) & 0xfffff);
}
