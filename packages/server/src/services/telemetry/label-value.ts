/** The label value that stands for every label value beyond a cardinality limit. */
export const OTHER_LABEL_VALUE = '__other__';

// C0 controls and DEL: legal in Prometheus label values once escaped, but never useful and easy
// to abuse (fake lines in a careless log viewer).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/g;
// A UTF-16 surrogate without its partner is not valid UTF-8 in the exposition.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A label value fit for the exposition: cut to `maxLength` UTF-16 units, control characters
 * replaced by `_`, a surrogate half left by the cut (or sent) replaced by U+FFFD. Two values
 * equal after this share one series. Runs once per new series, never per event.
 */
export function labelValue(raw: string, maxLength: number): string {
  const cut = raw.length > maxLength ? raw.slice(0, maxLength) : raw;
  return cut.replace(CONTROL, '_').replace(LONE_SURROGATE, '\ufffd');
}
