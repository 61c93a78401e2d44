/** Where and why a text is not JSON: the UTF-16 offset of the first bad character and a description. */
export interface JsonSyntaxError {
  readonly position: number;
  readonly line: number;
  readonly column: number;
  /** e.g. `unexpected "}"`, `unexpected end of input`, `unterminated string`. */
  readonly reason: string;
}

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const DIGIT = (c: number) => c >= 0x30 && c <= 0x39;
const HEX = (c: number) => DIGIT(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * The first syntax error of `text` as JSON (RFC 8259, the grammar `JSON.parse` accepts), or
 * undefined when it is valid JSON. Node's `JSON.parse` messages name the position only sometimes;
 * this scanner always does. Iterative (an explicit stack), so deep nesting cannot overflow it.
 * Only called after `JSON.parse` failed, so its speed does not matter much; it is linear anyway.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  // Stack of open containers: 0x5b '[' or 0x7b '{'.
  const stack: number[] = [];
  const fail = (pos: number, reason?: string): JsonSyntaxError => {
    const p = Math.min(pos, n);
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < p; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    const why =
      reason ??
      (p >= n
        ? 'unexpected end of input'
        : `unexpected ${JSON.stringify(String.fromCodePoint(text.codePointAt(p) ?? 0))}`);
    return { position: p, line, column: p - lineStart + 1, reason: why };
  };
  const skipWs = () => {
    while (i < n && WS(text.charCodeAt(i))) i++;
  };
  /** Scans one string starting at the opening quote; returns an error or undefined. */
  const string = (): JsonSyntaxError | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!HEX(text.charCodeAt(i + k))) return fail(i + k, 'bad \\u escape in string');
          i += 6;
        } else if (
          e === 0x22 ||
          e === 0x5c ||
          e === 0x2f ||
          e === 0x62 ||
          e === 0x66 ||
          e === 0x6e ||
          e === 0x72 ||
          e === 0x74
        )
          i += 2;
        else return fail(i + 1, i + 1 >= n ? 'unterminated string' : 'bad escape in string');
      } else if (c < 0x20) return fail(i, 'control character in string (escape it)');
      else i++;
    }
    return fail(start, 'unterminated string');
  };
  const number = (): JsonSyntaxError | undefined => {
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (DIGIT(text.charCodeAt(i))) while (DIGIT(text.charCodeAt(i))) i++;
    else return fail(i);
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!DIGIT(text.charCodeAt(i))) return fail(i);
      while (DIGIT(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      if (!DIGIT(text.charCodeAt(i))) return fail(i);
      while (DIGIT(text.charCodeAt(i))) i++;
    }
    return undefined;
  };
  // Expecting a value; after it, the container's separator or end.
  for (;;) {
    skipWs();
    if (i >= n) return fail(i);
    const c = text.charCodeAt(i);
    let err: JsonSyntaxError | undefined;
    if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      i++;
      skipWs();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === 0x7b) {
        // An object's first key.
        if (text.charCodeAt(i) !== 0x22) return fail(i, i >= n ? undefined : 'expected a "quoted" key');
        err = string();
        if (err) return err;
        skipWs();
        if (text.charCodeAt(i) !== 0x3a) return fail(i, i >= n ? undefined : 'expected ":" after a key');
        i++;
        continue;
      } else continue;
    } else if (c === 0x22) err = string();
    else if (c === 0x2d || DIGIT(c)) err = number();
    else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return fail(i);
    if (err) return err;
    // After a value: close containers or take a separator.
    for (;;) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined)
        return i < n ? fail(i, `unexpected ${JSON.stringify(text.charAt(i))} after the JSON value`) : undefined;
      const d = text.charCodeAt(i);
      if (d === (top === 0x7b ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 0x2c) return fail(i, i >= n ? undefined : `expected "," or "${top === 0x7b ? '}' : ']'}"`);
      i++;
      if (top === 0x7b) {
        skipWs();
        if (text.charCodeAt(i) !== 0x22) return fail(i, i >= n ? undefined : 'expected a "quoted" key');
        err = string();
        if (err) return err;
        skipWs();
        if (text.charCodeAt(i) !== 0x3a) return fail(i, i >= n ? undefined : 'expected ":" after a key');
        i++;
      }
      break;
    }
  }
}
