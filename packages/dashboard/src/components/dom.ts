type Child = Node | string | number | null | undefined | false;
type Props = Readonly<Record<string, string | number | boolean | undefined | ((ev: Event) => void)>>;

/**
 * Creates an element: `el('a', { href: '#', class: 'x', onclick: fn }, 'text', child)`. String
 * children become text nodes (never HTML), so server data cannot inject markup. Boolean props set
 * or omit an attribute; `on…` functions become listeners.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Text for screen readers only. */
export function srOnly(text: string): HTMLSpanElement {
  return el('span', { class: 'sr-only' }, text);
}
