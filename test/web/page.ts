/** Driving the visualizer's page in Chromium: opening, waiting, reading the clock, the list and the canvas. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt, launch, serve, type Served } from './serve.js';

/**
 * Inside a describe: Chromium and a plain `vnetsim view` server, started before its tests and
 * stopped after them (read `browser` and `plain` in the tests, once they run).
 */
export function withBrowser(): { readonly browser: Browser; readonly plain: Served } {
  const env = {} as { browser: Browser; plain: Served };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    const [plain, launched] = await Promise.all([serve(null), launch()]);
    env.plain = plain;
    env.browser = launched.browser;
    close = launched.close;
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await env.plain?.stop();
  });
  return env;
}

export async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as unknown as { errors: string[] }).errors;
}

export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === '1' || document.body.dataset.phase === 'problems' || document.body.dataset.phase === 'error', null, { timeout });
  const phase = await page.evaluate(() => document.body.dataset.phase);
  if (phase !== 'ready') throw new Error(`page is ${phase}: ${await page.textContent('#stage-msg')}`);
}

export async function setSpeed(page: Page, exp: number): Promise<void> {
  await page.$eval('#speed', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, exp);
}

export async function clock(page: Page): Promise<{ ns: number; cursor: number }> {
  return page.$eval('#clock', (el) => ({ ns: Number((el as HTMLElement).dataset.ns), cursor: Number((el as HTMLElement).dataset.cursor) }));
}

export async function rows(page: Page): Promise<number> {
  return Number(await page.$eval('#events', (el) => (el as HTMLElement).dataset.rows ?? '0'));
}

export async function playToEnd(page: Page): Promise<void> {
  await setSpeed(page, 26);
  await page.click('#btn-play');
  await page.waitForFunction(() => !(window as unknown as { vnetsim: { state(): { playing: boolean } } }).vnetsim.state().playing, null, { timeout: 60_000 });
}

/** The cells of the event list's current row, once it shows record `i`. */
export async function currentRow(page: Page, i: number): Promise<string[]> {
  const row = await page.waitForSelector(`.ev-row.current[data-i="${i}"]`, { timeout: 10_000 });
  return row.$$eval('span', (s) => s.filter((x) => x.parentElement?.classList.contains('ev-row')).map((x) => x.textContent ?? ''));
}

/** Writes NDJSON lines to a temporary file named `name` and serves it with `vnetsim view`. */
export function serveTrace(name: string, lines: readonly string[]): Promise<Served> {
  const file = join(mkdtempSync(join(tmpdir(), 'vnetsim-view-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return serve(file);
}

/** Lower and upper bounds of red, green and blue. */
export type RgbRange = readonly [r0: number, r1: number, g0: number, g1: number, b0: number, b1: number];

/** Canvas pixels within `r` device pixels of the middle between two devices, of a colour in `rgb`. */
export function pixelsBetween(page: Page, a: string, b: string, r: number, rgb: RgbRange): Promise<number> {
  return page.evaluate(([a, b, r, [r0, r1, g0, g1, b0, b1]]) => {
    const v = (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim;
    const [ax, ay] = v.screenOf(a), [bx, by] = v.screenOf(b);
    const c = document.querySelector<HTMLCanvasElement>('#topo')!;
    const dpr = c.width / c.getBoundingClientRect().width;
    const img = c.getContext('2d')!.getImageData(Math.round(((ax + bx) / 2) * dpr) - r, Math.round(((ay + by) / 2) * dpr) - r, 2 * r + 1, 2 * r + 1).data;
    let n = 0;
    for (let i = 0; i < img.length; i += 4) {
      if (img[i]! >= r0 && img[i]! <= r1 && img[i + 1]! >= g0 && img[i + 1]! <= g1 && img[i + 2]! >= b0 && img[i + 2]! <= b1) n++;
    }
    return n;
  }, [a, b, r, rgb] as const);
}

/** Waits for two animation frames: what the page draws after a change is on the canvas. */
export function settleFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Moves time with the go-to box (`2.05s`) and waits for the picture. */
export async function gotoTime(page: Page, text: string): Promise<void> {
  await page.fill('#goto', text);
  await page.press('#goto', 'Enter');
  await settleFrames(page);
}

/** Drags the scrubber to `t` (ns). */
export function scrubToTime(page: Page, t: number): Promise<void> {
  return page.$eval('#scrubber', (el, v) => { (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input')); }, t);
}

/** The event list's rows as shown, cells joined by ` | `. */
export function eventRows(page: Page): Promise<string[]> {
  return page.$$eval('.ev-row', (r) => r.map((x) => Array.from(x.children).map((c) => c.textContent).join(' | ')));
}

/** At the end of the run, the event list filtered to `kind`, once it shows `n` rows. */
export async function rowsOfKind(page: Page, kind: string, n: number): Promise<string[]> {
  await page.click('#btn-end');
  await page.click(`#f-kinds button[data-v="${kind}"]`);
  await page.waitForFunction((k) => document.querySelectorAll('.ev-row').length === k, n);
  return eventRows(page);
}

/** Clicks device `id` in the picture and waits for its Device panel. */
export async function clickDevice(page: Page, id: string): Promise<void> {
  const [x, y] = await page.evaluate((n) => (window as unknown as { vnetsim: { screenOf(id: string): [number, number] } }).vnetsim.screenOf(n), id);
  const b = (await (await page.$('#topo'))!.boundingBox())!;
  await page.mouse.click(b.x + x, b.y + y);
  await page.waitForFunction((n) => document.querySelector('#panel-device.active .device-title')?.textContent === n, id);
}

export function secondsText(ns: number): string {
  const s = Math.floor(ns / 1e9);
  return `${s}.${String(ns - s * 1e9).padStart(9, '0')}`;
}
