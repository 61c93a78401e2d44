/**
 * End-to-end: the built dashboard in Debian's Chromium (playwright-core) against a real server
 * with demo traffic. Every view renders with data, filters change what is shown, the simulator's
 * input drift (region eu-west reporting °F) shows up in the drift heat-map, and screenshots are
 * saved to packages/dashboard/test-artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type EvalRun, RunArchive } from '../src/services/eval-runs/index.js';
import { recordRunProject } from '../src/services/eval-runs/project-runs.js';
import { DEFAULT_PROJECT_ID } from '../src/services/server/api-key-admin.js';
import { type DemoServer, startDemoServer } from './dashboard-demo-server.js';
import { itWithSystem } from './system.js';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, '..', '..', 'dashboard', 'test-artifacts');
const DIST = join(here, '..', '..', 'dashboard', 'dist', 'index.html');
const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HAVE_CHROMIUM = existsSync(CHROMIUM) && existsSync(DIST);
const MISSING = existsSync(CHROMIUM)
  ? `the dashboard is not built (${DIST}; run npm run build)`
  : `Debian's Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Demo time runs 10× faster: outcomes, feedback and scores arrive within seconds, not minutes. */
const SPEED = 10;
/** Calm until the baseline is captured, then input drift (eu-west in °F) for the rest of the run; a canary throughout. */
const CALM_MS = 25 * SECOND;
// Offsets at speed 1 (the simulator divides them by SPEED): wall-clock CALM_MS of calm.
const SCHEDULE = {
  cycleMs: 600 * MINUTE,
  windows: [
    { kind: 'input_drift' as const, startMs: CALM_MS * SPEED, endMs: 600 * MINUTE },
    { kind: 'canary' as const, startMs: 0, endMs: 600 * MINUTE, canaryShares: [0.2] },
  ],
};
const SHA = 'a'.repeat(64);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An evaluation run as `modelwatch runs create` persists it (metrics with bootstrap intervals). */
function evalRun(runId: string, version: string, accuracy: number, createdAt: number): EvalRun {
  return {
    runId,
    createdAt,
    suite: 'weather-suite.yaml',
    task: 'classification',
    model: { name: 'weather-classifier', version },
    dataset: { name: 'seattle-weather-holdout', version: 'd41d8cd9', sha256: SHA, kind: 'csv' },
    source: { kind: 'predictions', file: `${version}-predictions.csv` },
    labels: ['drizzle', 'fog', 'rain', 'snow', 'sun'],
    metrics: { accuracy: { value: accuracy, low: accuracy - 0.03, high: accuracy + 0.03 } },
    confidenceLevel: 0.95,
    slices: [],
    failures: 0,
    warnings: [],
  };
}

/** Opens a view and waits until no panel is loading any more. */
async function openView(page: Page, server: DemoServer, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('main#content [data-panel]');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-panel][data-state="loading"]').length === 0,
    undefined,
    {
      timeout: 30 * SECOND,
    },
  );
}

async function panelState(page: Page, id: string): Promise<string | null> {
  return page.getAttribute(`[data-panel="${id}"]`, 'data-state');
}

/** Expects each panel to have rendered data (the message carries the panel's text when not). */
async function expectReady(page: Page, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const state = await panelState(page, id);
    const text = state === 'ready' ? '' : await page.textContent(`[data-panel="${id}"]`);
    expect(`${id}: ${state} ${text}`).toBe(`${id}: ready `);
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('dashboard in Chromium against a server with demo traffic', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDemoServer({ schedule: SCHEDULE, speed: SPEED, ratePerSecond: 120 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

    // Evaluation runs in the server's data directory: v1's recorded for the project (as `runs
    // create` on the store does), v2's run-42 claimed by the gate result attached below.
    const archive = new RunArchive(server.dataDir);
    archive.save(evalRun('run-41', 'v1', 0.84, Date.now() - 2 * MINUTE), []);
    archive.save(evalRun('run-42', 'v2', 0.71, Date.now() - MINUTE), []);
    recordRunProject(server.dataDir, 'run-41', DEFAULT_PROJECT_ID);
    // The registry: v1 in production, v2 (the canary) with a failed gate.
    for (const version of ['v1', 'v2']) {
      await server.post('/v1/models/weather-classifier/versions', {
        version,
        artifactUri: `s3://models/weather/${version}.onnx`,
        artifactSha256: SHA,
        lineage: { trainingData: version === 'v1' ? 'seattle-2012-2014' : 'seattle-2012-2015' },
      });
    }
    await server.post('/v1/models/weather-classifier/versions/v1/transitions', {
      stage: 'production',
      reason: 'launch',
    });
    const put = await fetch(`${server.url}/v1/models/weather-classifier/versions/v2/gate`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        passed: false,
        runId: 'run-42',
        gates: 'gates.yaml',
        evaluatedAt: Date.now(),
        conditions: [
          { condition: 'accuracy >= 0.8', passed: false, detail: 'accuracy 0.71' },
          { condition: 'p95 latency <= 50 ms', passed: true, detail: 'p95 12 ms' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    // The canary the demo runs (weather-classifier v2 as variant "canary"), as an experiment.
    await server.post('/v1/experiments', {
      id: 'weather-v2-canary',
      type: 'canary',
      variants: [
        { name: 'production', weight: 0.8 },
        { name: 'canary', weight: 0.2 },
      ],
      guardrails: [{ metric: 'latency_ms', direction: 'lower-is-better', threshold: 0.2, thresholdType: 'relative' }],
      status: 'running',
    });
    await server.post('/v1/rollouts', { experimentId: 'weather-v2-canary', minRequestsPerAnalysis: 20 });
    // SLOs: availability and p95-style latency of the weather classifier.
    await server.post('/v1/slos', {
      id: 'weather-availability',
      model: 'weather-classifier',
      sli: { kind: 'availability' },
      objective: 0.99,
    });
    await server.post('/v1/slos', {
      id: 'weather-latency',
      model: 'weather-classifier',
      sli: { kind: 'latency', thresholdMs: 20 },
      objective: 0.95,
    });

    // The baseline: the calm first seconds of each version.
    await sleep(Math.max(0, server.startedAt + CALM_MS - 3 * SECOND - Date.now()));
    for (const version of ['v1', 'v2']) {
      await server.post('/v1/baselines', {
        model: 'weather-classifier',
        version,
        traffic: { from: server.startedAt, to: server.startedAt + CALM_MS - 4 * SECOND },
      });
    }
  }, 2 * MINUTE);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, MINUTE);

  itWithSystem(
    'signs in with a #key= login link, strips the key from the URL and keeps it in sessionStorage only',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await page.goto(`${server.url}/#key=${encodeURIComponent(server.readKey)}`);
      await page.waitForSelector('main#content [data-panel]');
      expect(page.url()).not.toContain('key=');
      expect(page.url()).toContain('#/executive');
      expect(await page.evaluate(() => sessionStorage.getItem('modelwatch.apiKey'))).toBe(server.readKey);
      expect(await page.evaluate(() => localStorage.length)).toBe(0);
      // The server's first-start banner prints the admin's login link.
      expect(server.banner).toContain(`Dashboard (signs in with this key): ${server.url}/#key=${server.adminKey}`);
    },
    MINUTE,
  );

  itWithSystem(
    'renders the executive view with data',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await openView(page, server, '#/executive?range=15m');
      await expectReady(page, [
        'health',
        'quality-trend',
        'business',
        'error-budget',
        'sla',
        'cost',
        'fairness',
        'experiments-summary',
      ]);
      expect(await page.textContent('[data-panel="sla"]')).toContain('weather-latency');
      const requests = await page.textContent('[data-panel="health"] .tile:nth-child(2) .tile-value');
      expect(requests).toMatch(/\d/);
      expect(await page.textContent('[data-panel="experiments-summary"]')).toContain('weather-v2-canary');
      // Every panel says what it shows, or names what is missing: none is blank.
      const states = await page.$$eval('[data-panel]', (ps) => ps.map((p) => p.getAttribute('data-state')));
      expect(states.every((s) => s === 'ready' || s === 'empty' || s === 'unavailable')).toBe(true);
      await shot(page, 'executive');
    },
    MINUTE,
  );

  itWithSystem(
    'renders the on-call view with data, and the model and segment filters change what it shows',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await openView(page, server, '#/oncall?range=15m');
      await expectReady(page, ['latency', 'error-trend', 'model-health', 'canary']);
      const models = async () =>
        page.$$eval('[data-panel="model-health"] tbody tr', (rows) =>
          rows.map((r) => r.querySelector('td')?.textContent),
        );
      const allModels = new Set(await models());
      expect(allModels).toEqual(new Set(['support-assistant', 'weather-classifier']));
      await shot(page, 'oncall');

      // Choosing a model in the filter bar puts it in the URL and narrows every panel.
      await page.selectOption('#f-model', 'weather-classifier');
      await page.waitForFunction(() => location.hash.includes('model=weather-classifier'));
      await page.waitForFunction(() => document.querySelectorAll('[data-panel][data-state="loading"]').length === 0);
      expect(new Set(await models())).toEqual(new Set(['weather-classifier']));

      const requestsOf = async () =>
        Number(
          (
            await page.$$eval('[data-panel="model-health"] tbody tr', (rows) =>
              rows.map((r) => r.querySelectorAll('td')[3]?.textContent ?? '0'),
            )
          )
            .map((t) => (t.endsWith('k') ? Number(t.slice(0, -1)) * 1000 : Number(t)))
            .reduce((a, b) => a + b, 0),
        );
      const before = await requestsOf();
      await page.selectOption('#f-segment', 'region=eu-west');
      await page.waitForFunction(() => location.hash.includes('segment.region=eu-west'));
      await page.waitForFunction(() => document.querySelectorAll('[data-panel][data-state="loading"]').length === 0);
      const after = await requestsOf();
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThan(before);
      // The state is in the URL: a reload shows the same filters.
      await page.reload();
      await page.waitForSelector('main#content [data-panel]');
      expect(await page.inputValue('#f-model')).toBe('weather-classifier');
      expect(await page.inputValue('#f-segment')).toBe('region=eu-west');
      await shot(page, 'oncall-filtered');
    },
    MINUTE,
  );

  itWithSystem(
    'shows the injected input drift in the debug view’s heat-map',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      // Wait (at most 2 minutes) until a temperature feature's drift test fires in the heat-map.
      const deadline = Date.now() + 2 * MINUTE;
      let drifted: string[] = [];
      let hash = '';
      while (Date.now() < deadline) {
        hash = `#/debug?from=${server.startedAt}&to=${Date.now() + 5 * SECOND}&model=weather-classifier&version=v1&refresh=0`;
        await openView(page, server, hash);
        drifted = await page.$$eval('[data-panel="drift-heatmap"] tr[data-feature]', (rows) =>
          rows
            .filter((r) => r.querySelector('td[data-status="alert"]') !== null)
            .map((r) => r.getAttribute('data-feature') ?? ''),
        );
        if (drifted.some((f) => f.startsWith('temp_'))) break;
        await sleep(3 * SECOND);
      }
      expect(drifted.filter((f) => f.startsWith('temp_')).length).toBeGreaterThan(0);
      // Before the drift started the same feature was calm: its row has ok cells first, alert cells later.
      const row = drifted.find((f) => f.startsWith('temp_')) as string;
      const statuses = await page.$$eval(
        `[data-panel="drift-heatmap"] tr[data-feature="${row}"] td[data-status]`,
        (cells) => cells.map((c) => c.getAttribute('data-status')),
      );
      expect(statuses.indexOf('ok')).toBeGreaterThanOrEqual(0);
      expect(statuses.indexOf('ok')).toBeLessThan(statuses.lastIndexOf('alert'));
      await expectReady(page, ['feature-drift', 'predictions', 'slices', 'failed-samples']);
      await expectReady(page, ['confusion', 'reliability']);
      // Out-of-distribution samples: eu-west's °F temperatures lie far above the baseline's range.
      await expectReady(page, ['ood-samples', 'feature-histogram']);
      expect(await page.textContent('[data-panel="ood-samples"]')).toMatch(/temp_(max|min)\S* = [\d.]+ above/);
      // The histogram opens on the most drifted feature, with the baseline's and the window's shares.
      expect(await page.inputValue('#feature-histogram-feature')).toMatch(/^temp_/);
      expect(await page.$$eval('[data-panel="feature-histogram"] tbody tr', (r) => r.length)).toBe(20);
      // Bars are drawn, not squeezed: each row's baseline and window bars side by side under their
      // headers, every track at least 6rem wide, the largest share filling its track.
      const layout = await page.$$eval('[data-panel="feature-histogram"] table.dist-compare', (tables) => {
        const box = (e: Element | null) => e?.getBoundingClientRect() ?? new DOMRect();
        const t = tables[0];
        const heads = Array.from(t?.querySelectorAll('thead th') ?? [], (h) => box(h));
        return {
          heads: heads.map((h) => ({ left: h.left, right: h.right })),
          rows: Array.from(t?.querySelectorAll('tbody tr') ?? [], (r) =>
            Array.from(r.querySelectorAll('td.dist-cell'), (c) => ({
              left: box(c).left,
              top: box(c).top,
              track: box(c.querySelector('.bar-track')).width,
              fill: box(c.querySelector('.bar-fill')).width,
            })),
          ),
        };
      });
      expect(layout.rows).toHaveLength(20);
      for (const [baseline, window] of layout.rows) {
        expect(baseline?.top).toBe(window?.top);
        expect(baseline?.left).toBeGreaterThanOrEqual((layout.heads[1]?.left ?? Number.NaN) - 1);
        expect(window?.left).toBeGreaterThanOrEqual((layout.heads[2]?.left ?? Number.NaN) - 1);
      }
      const bars = layout.rows.flat();
      expect(Math.min(...bars.map((b) => b.track))).toBeGreaterThanOrEqual(96);
      const widest = bars.reduce((a, b) => (b.fill > a.fill ? b : a));
      expect(widest.fill / widest.track).toBeGreaterThan(0.95);
      expect(bars.filter((b) => b.fill >= 4).length).toBeGreaterThanOrEqual(2);
      await page.locator('[data-panel="feature-histogram"]').screenshot({
        path: join(ARTIFACTS, 'debug-feature-histogram.png'),
      });
      await page.locator('[data-panel="ood-samples"]').screenshot({ path: join(ARTIFACTS, 'debug-ood-samples.png') });
      // Choosing another feature redraws the panel for it: wind_gust, whose sensor drops readings.
      await page.selectOption('#feature-histogram-feature', 'wind_gust');
      await page.waitForFunction(() =>
        document.querySelector('[data-panel="feature-histogram"] caption')?.textContent?.startsWith('wind_gust:'),
      );
      expect(await page.inputValue('#feature-histogram-feature')).toBe('wind_gust');
      expect(await page.textContent('[data-panel="feature-histogram"] .tiles')).toMatch(/[1-4](\.\d+)?\s?% \/ /);
      // The missing-rate column has numbers: the demo's secondary sensors drop ~2 % of readings.
      const missing = await page.$$eval('[data-panel="feature-drift"] tbody tr', (rows) =>
        Object.fromEntries(
          rows.map((r) => {
            const cells = Array.from(r.querySelectorAll('td,th'), (c) => c.textContent ?? '');
            return [cells[0], cells[6]];
          }),
        ),
      );
      expect(missing.wind_gust).toMatch(/^[1-4](\.\d+)?\s?%$/);
      expect(missing.temp_max).toMatch(/^0(\.0+)?\s?%$/);
      await shot(page, 'debug-drift');

      // Drill-down: a failed request opens its event.
      const link = await page.$('[data-panel="failed-samples"] button.row-link');
      if (link !== null) {
        await link.click();
        await page.waitForSelector('dialog[open] [id="event-title"]');
        expect(await page.textContent('dialog[open]')).toContain('requestId');
        await shot(page, 'debug-event');
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !location.hash.includes('event='));
      }

      // The on-call view's missing-rate panel, from the same drift results.
      await openView(page, server, '#/oncall?range=15m&model=weather-classifier&version=v1');
      await expectReady(page, ['missing-rate']);
      expect(await page.textContent('[data-panel="missing-rate"]')).toContain('wind_gust');
    },
    3 * MINUTE,
  );

  itWithSystem(
    'renders the experiments view: decision, effects, SRM, guardrails and the canary steps',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await openView(page, server, '#/experiments?experiment=weather-v2-canary&range=15m');
      await expectReady(page, [
        'experiment-list',
        'experiment-status',
        'experiment-effects',
        'experiment-srm',
        'rollout',
      ]);
      expect(await page.$$eval('[data-panel="rollout"] .timeline li', (l) => l.length)).toBeGreaterThan(1);
      await shot(page, 'experiments');
    },
    MINUTE,
  );

  itWithSystem(
    'renders the models view: registry, versions and gate results',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await openView(page, server, '#/models');
      await expectReady(page, ['registry', 'versions', 'gates', 'eval-runs']);
      expect(await page.textContent('[data-panel="gates"]')).toContain('accuracy >= 0.8');
      const runs = await page.$$eval('[data-panel="eval-runs"] tbody tr', (rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('td,th'), (c) => c.textContent ?? '')),
      );
      expect(runs.map((r) => [r[0], r[1], r[5]?.split(' ')[0]])).toEqual([
        ['run-42', 'weather-classifier v2', 'failed'],
        ['run-41', 'weather-classifier v1', 'not'],
      ]);
      expect(await page.textContent('[data-panel="versions"]')).toContain('production');
      await shot(page, 'models');
      await page.locator('[data-panel="eval-runs"]').screenshot({ path: join(ARTIFACTS, 'models-eval-runs.png') });
    },
    MINUTE,
  );

  itWithSystem(
    'is keyboard accessible: a skip link first, then the views, each focusable with a visible outline',
    HAVE_CHROMIUM,
    MISSING,
    async () => {
      await openView(page, server, '#/executive?range=15m');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
      await page.keyboard.press('Shift+Tab');
      // Tab order from the top: skip link, the five views, sign out, then the filters.
      await page.focus('.skip-link');
      const order: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        order.push(
          await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''),
        );
      }
      expect(order.slice(0, 7)).toEqual([
        'Executive',
        'On-call',
        'Debug',
        'Experiments',
        'Models',
        'Sign out',
        'f-range',
      ]);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).not.toBe('none');
      // Every chart and heat-map has a text alternative; every form control a label.
      expect(await page.$$eval('.chart', (cs) => cs.every((c) => (c.getAttribute('aria-label') ?? '') !== ''))).toBe(
        true,
      );
      expect(
        await page.$$eval('select', (ss) => ss.every((s) => document.querySelector(`label[for="${s.id}"]`) !== null)),
      ).toBe(true);
    },
    MINUTE,
  );
});
