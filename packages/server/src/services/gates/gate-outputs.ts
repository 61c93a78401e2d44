import type { GateReport } from '../../domain/gate.js';

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The gate report as Markdown for a pull-request comment: verdict, then one table row per condition. */
export function gateMarkdown(report: GateReport): string {
  const failed = report.conditions.filter((c) => c.status === 'failed').length;
  const skipped = report.conditions.filter((c) => c.status === 'skipped').length;
  const lines = [
    `## ${report.passed ? '✅ Gates passed' : '❌ Gates failed'}: ${mdCell(report.model)} ${mdCell(report.version)}`,
    '',
    `Run \`${report.runId}\`${report.baselineRunId === undefined ? '' : ` against baseline run \`${report.baselineRunId}\``} · gates \`${mdCell(report.gates)}\` · ${report.conditions.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`,
    '',
    '| | Condition | Result |',
    '|---|---|---|',
    ...report.conditions.map(
      (c) =>
        `| ${ICON[c.status]} | ${mdCell(c.name === undefined ? c.condition : `${c.name}: ${c.condition}`)} | ${mdCell(c.detail)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function xmlAttr(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/**
 * The gate report as JUnit XML (the Ant/Surefire schema CI systems read): one `<testsuite>` per
 * report, one `<testcase>` per condition, `<failure>` for a failed one and `<skipped>` for one
 * without a baseline.
 */
export function gateJunit(report: GateReport): string {
  const failures = report.conditions.filter((c) => c.status === 'failed').length;
  const skipped = report.conditions.filter((c) => c.status === 'skipped').length;
  const suite = `modelwatch gates ${report.model} ${report.version}`;
  const cases = report.conditions.map((c) => {
    const open = `    <testcase classname="${xmlAttr(`modelwatch.gates.${report.model}`)}" name="${xmlAttr(c.name ?? c.condition)}" time="0"`;
    if (c.status === 'passed') return `${open}>\n      <system-out>${xmlAttr(c.detail)}</system-out>\n    </testcase>`;
    if (c.status === 'skipped') return `${open}>\n      <skipped message="${xmlAttr(c.detail)}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${xmlAttr(c.detail)}" type="gate_failed">${xmlAttr(`${c.condition} (line ${c.line}): ${c.detail}`)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="modelwatch gates" tests="${report.conditions.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xmlAttr(suite)}" tests="${report.conditions.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${new Date(report.evaluatedAt).toISOString().replace(/\.\d{3}Z$/, '')}">`,
    `    <properties><property name="run" value="${xmlAttr(report.runId)}"/><property name="gates" value="${xmlAttr(report.gates)}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
