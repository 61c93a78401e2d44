/** Characters of a received value quoted in an error message. */
const MAX_CHARS = 80;
/** Nesting shown before `…`: deep structures are summarised, never walked (no stack overflow). */
const MAX_DEPTH = 3;

/**
 * A short, safe rendering of a value a client sent, for error messages: strings quoted and cut at
 * 80 characters (with their length), arrays and objects rendered compactly up to 80 characters
 * and 3 levels deep. Never throws and never recurses deeper than 3 levels, whatever the input.
 * @example receivedValue('x'.repeat(100)) // '"xxxx…" (100 characters)'
 */
export function receivedValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') {
    return value.length <= MAX_CHARS
      ? JSON.stringify(value)
      : `${JSON.stringify(value.slice(0, MAX_CHARS))}… (${value.length} characters)`;
  }
  const out = { text: '' };
  render(value, 0, out);
  return out.text.length <= MAX_CHARS ? out.text : `${out.text.slice(0, MAX_CHARS)}…`;
}

function render(value: unknown, depth: number, out: { text: string }): void {
  if (out.text.length > MAX_CHARS) return;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    out.text += String(value);
    return;
  }
  if (typeof value === 'string') {
    out.text += JSON.stringify(value.length <= MAX_CHARS ? value : `${value.slice(0, MAX_CHARS)}…`);
    return;
  }
  if (typeof value !== 'object') {
    out.text += typeof value;
    return;
  }
  if (depth >= MAX_DEPTH) {
    out.text += Array.isArray(value) ? '[…]' : '{…}';
    return;
  }
  if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length && out.text.length <= MAX_CHARS; i++) {
      if (i > 0) out.text += ',';
      render(value[i], depth + 1, out);
    }
    out.text += ']';
    return;
  }
  out.text += '{';
  let first = true;
  for (const key in value) {
    if (out.text.length > MAX_CHARS) break;
    if (!first) out.text += ',';
    first = false;
    out.text += `${JSON.stringify(key.length <= MAX_CHARS ? key : `${key.slice(0, MAX_CHARS)}…`)}:`;
    render((value as Record<string, unknown>)[key], depth + 1, out);
  }
  out.text += '}';
}
