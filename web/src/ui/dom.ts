/**
 * The one way this app makes DOM: elements with properties and children, where every string becomes
 * a text node. Scenario names are never parsed as HTML (no innerHTML anywhere in web/src).
 */

export type Child = Node | string | number | null | undefined | false;

interface Props {
  className?: string;
  id?: string;
  title?: string;
  dataset?: Record<string, string>;
  attrs?: Record<string, string>;
  style?: Partial<Record<'color' | 'background' | 'borderColor' | 'width' | 'height' | 'left' | 'top' | 'transform' | 'display', string>>;
  onClick?: (e: MouseEvent) => void;
  onInput?: (e: Event) => void;
  onChange?: (e: Event) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props) {
    if (props.className) e.className = props.className;
    if (props.id) e.id = props.id;
    if (props.title) e.title = props.title;
    if (props.dataset) for (const [k, v] of Object.entries(props.dataset)) e.dataset[k] = v;
    if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) e.setAttribute(k, v);
    if (props.style) Object.assign(e.style, props.style);
    if (props.onClick) e.addEventListener('click', props.onClick as EventListener);
    if (props.onInput) e.addEventListener('input', props.onInput);
    if (props.onChange) e.addEventListener('change', props.onChange);
  }
  append(e, children);
  return e;
}

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children. */
export function fill(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

export function setText(e: Node, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

/** A table from header cells and rows of cells. */
export function table(headers: string[], rows: Child[][], className = 'grid'): HTMLTableElement {
  return el('table', { className },
    el('thead', null, el('tr', null, ...headers.map((h) => el('th', null, h)))),
    el('tbody', null, ...rows.map((r) => el('tr', null, ...r.map((c) => el('td', null, c))))));
}
