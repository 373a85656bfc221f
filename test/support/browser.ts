// Opens pages the way a user would, under the Content-Security-Policy they are served with: Debian
// chromium driven by playwright-core, a loopback static server that sends the policy, and a record
// of everything the browser complained about (CSP refusals, page errors, dialogs, failed requests).
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** What Jenkins sends with archived HTML artifacts (its default hudson.model.DirectoryBrowserSupport.CSP). */
export const JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

/** Screenshots and other files worth keeping from a test run (gitignored). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../artifacts');

export const CHROMIUM_PATH = process.env.IMAGEFORGE_CHROMIUM ?? '/usr/bin/chromium';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Chromium reports CSP and sandbox refusals as console errors; these are their openings. */
const CSP_MESSAGE = /Refused to|Content Security Policy|Blocked script execution|sandboxed/i;

export interface OpenedPage {
  page: Page;
  /** Every console message, as `type: text`. */
  console: string[];
  /** Console messages in which the browser refused something because of the CSP or sandbox. */
  cspViolations: string[];
  pageErrors: string[];
  /** Dialogs (alert, confirm, prompt) the page tried to open; each is dismissed. */
  dialogs: string[];
  /** Requests that failed or answered 4xx/5xx, as `status url`. */
  failedRequests: string[];
  /** Saves a full-page PNG into ARTIFACTS_DIR and returns its path. */
  screenshot(fileName: string): Promise<string>;
}

export interface BrowserSession {
  /** Serves `dir` on 127.0.0.1 with `csp` as the Content-Security-Policy header; returns the base URL. */
  serve(dir: string, options: { csp: string }): Promise<string>;
  open(url: string, options?: { width?: number; height?: number }): Promise<OpenedPage>;
  /** Closes pages, the browser and the servers this session started. */
  close(): Promise<void>;
}

export async function startBrowserSession(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  const servers: http.Server[] = [];
  return {
    serve: async (dir, options) => {
      const server = await serveDirectory(dir, options.csp);
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
    open: (url, options = {}) => openPage(browser, url, options),
    close: async () => {
      await browser.close();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

async function openPage(
  browser: Browser,
  url: string,
  size: { width?: number; height?: number },
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: size.width ?? 1280, height: size.height ?? 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const opened: OpenedPage = {
    page,
    console: [],
    cspViolations: [],
    pageErrors: [],
    dialogs: [],
    failedRequests: [],
    screenshot: async (fileName) => {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const file = path.join(ARTIFACTS_DIR, fileName);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
  page.on('console', (message) => {
    const text = `${message.type()}: ${message.text()}`;
    opened.console.push(text);
    if (CSP_MESSAGE.test(message.text())) opened.cspViolations.push(text);
  });
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) => opened.failedRequests.push(`failed ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) opened.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

function serveDirectory(root: string, csp: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    void respondWithFile(root, csp, request, response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function respondWithFile(
  root: string,
  csp: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = path.resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  const inside = file === root || file.startsWith(`${path.resolve(root)}${path.sep}`);
  const found =
    inside &&
    (await stat(file).then(
      (info) => info.isFile(),
      () => false,
    ));
  response.setHeader('Content-Security-Policy', csp);
  if (!found) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(response);
}

/** The shape page functions see; the project compiles without the DOM lib. */
interface StyledElement {
  ownerDocument: { defaultView: { getComputedStyle(element: StyledElement): Record<string, string> } };
}

/** The computed values of `properties` for every element `locator` matches, in document order. */
export function computedStyles(
  locator: Locator,
  properties: string[],
): Promise<Array<Record<string, string>>> {
  return locator.evaluateAll(
    (elements: StyledElement[], names: string[]) =>
      elements.map((element) => {
        const style = element.ownerDocument.defaultView.getComputedStyle(element);
        return Object.fromEntries(names.map((name) => [name, style[name] ?? '']));
      }),
    properties,
  );
}

/** A global variable of the page (`window[name]`), read from outside even when page scripts are blocked. */
export function pageGlobal(page: Page, name: string): Promise<unknown> {
  return page.evaluate((key: string) => (globalThis as Record<string, unknown>)[key], name);
}
