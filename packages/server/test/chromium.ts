/**
 * Debian's Chromium for browser tests (playwright-core drives it; no browser download). Use with
 * `itWithSystem('…', CHROMIUM !== undefined, CHROMIUM_MISSING, …)` so CI fails when it is missing.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary, when installed. */
export const CHROMIUM: string | undefined = executable(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
export const CHROMIUM_MISSING = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;

/** Flags for a quiet, sandbox-free headless run that makes no network calls of its own. */
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

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Mean and variance of the luminance of a PNG screenshot, decoded by the browser itself (drawn on
 * a canvas in a blank page): a blank page has variance 0.
 */
export async function screenshotLuminance(browser: Browser, png: Buffer): Promise<{ mean: number; variance: number }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async (dataUrl: string) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, img.width, img.height);
        let sum = 0;
        let sq = 0;
        const n = data.length / 4;
        for (let i = 0; i < data.length; i += 4) {
          const y = 0.2126 * (data[i] as number) + 0.7152 * (data[i + 1] as number) + 0.0722 * (data[i + 2] as number);
          sum += y;
          sq += y * y;
        }
        const mean = sum / n;
        return { mean, variance: sq / n - mean * mean };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await page.close();
  }
}
