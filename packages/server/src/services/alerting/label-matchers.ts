import type { LabelMatcher, LabelSet } from '../../domain/alerting.js';

const compiled = new Map<string, RegExp>();

function regexOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * Whether `labels` satisfy one matcher, with Alertmanager's semantics: a missing label reads as
 * the empty string; a regex matches the whole value; `isEqual: false` negates (`!=`, `!~`).
 */
export function labelMatches(labels: LabelSet, matcher: LabelMatcher): boolean {
  const value = labels[matcher.name] ?? '';
  const hit = matcher.isRegex ? regexOf(matcher.value).test(value) : value === matcher.value;
  return hit === matcher.isEqual;
}

/** Whether `labels` satisfy every matcher (true for none). */
export function labelsMatchAll(labels: LabelSet, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => labelMatches(labels, m));
}
