/**
 * The event filters' controls as the state has them: the node and tenant choices offered for the
 * topology drawn, and which protocol and kind chips are on. The chips are redrawn only when the
 * filters object changes (the store gives a new one on every change); a box being typed in is
 * left alone.
 */
import type { Filters } from '../model/filter.js';
import type { TopoIndex } from '../model/topo.js';
import { byId } from './dom.js';

export class FilterControls {
  /** The filters the chips show (a reference: rebuilt from state, not state). */
  private shown: Filters | null = null;

  /** Offers the topology's nodes (to type) and tenants (to pick). */
  setOptions(topo: TopoIndex): void {
    const list = byId('node-list');
    while (list.firstChild) list.removeChild(list.firstChild);
    for (const n of topo.nodes) {
      const o = document.createElement('option');
      o.value = n.id;
      list.appendChild(o);
    }
    const sel = byId<HTMLSelectElement>('f-tenant');
    while (sel.options.length > 1) sel.remove(1);
    for (const t of topo.tenants) {
      const o = document.createElement('option');
      o.value = t;
      o.textContent = t;
      sel.appendChild(o);
    }
  }

  render(f: Filters): void {
    if (this.shown === f) return;
    this.shown = f;
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#f-protocols button'))) b.classList.toggle('on', f.protocols.includes(b.dataset.v as never));
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#f-kinds button'))) b.classList.toggle('on', f.kinds.includes(b.dataset.v as never));
    const node = byId<HTMLInputElement>('f-node');
    if (document.activeElement !== node) node.value = f.node;
    byId<HTMLSelectElement>('f-tenant').value = f.tenant ?? '';
  }
}
