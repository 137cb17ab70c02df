// What the page tests share: the real `pandu serve` in a throwaway home, its control API, and
// Debian's Chromium driven by playwright-core (no browser download).
//
// PANDU_BIN overrides the server binary (default target/debug/pandu, built by `make build`);
// CHROMIUM_PATH the browser (default /usr/bin/chromium). The binary embeds the pages `make ui`
// built into ui/dist when it is built, so `make test-pages` builds both first.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before } from "node:test";

import { launchChromium } from "./chromium.mjs";

import { until } from "./wait.mjs";

export { sleep, until } from "./wait.mjs";

export const root = resolve(import.meta.dirname, "..", "..");
export const screenshotDir = join(root, "target", "pages");
const bin = process.env.PANDU_BIN ?? join(root, "target", "debug", "pandu");

/** "4:12" → 252, "1:02:05" → 3725, "+1:05" → -65 (over time). */
export function clockSeconds(text) {
  const over = text.trim().startsWith("+");
  const parts = text.replace("+", "").trim().split(":").map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  if (parts.some(Number.isNaN)) throw new Error(`not a clock: ${text}`);
  return over ? -seconds : seconds;
}

/**
 * `pandu serve` with no comment source, in a throwaway home (settings, archive), with its own
 * token and, when given, the text of its settings file (`config.toml`); `api()` drives its
 * control API.
 */
class Pandu {
  home = mkdtempSync(join(tmpdir(), "pandu-pages-"));
  token = `pages-${process.pid}-${Date.now()}`;
  /** The host token, read from `GET /api/host-link` once the server runs. */
  hostToken = null;
  port = 0;
  base = null;
  #child = null;

  constructor(config) {
    if (config === undefined) return;
    const dir = join(this.home, "config", "pandu");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.toml"), config);
  }

  /** Starts the server (again, on the same port after a stop); resolves once it listens. */
  async start() {
    const child = spawn(
      bin,
      [
        "serve",
        "--source",
        "none",
        "--port",
        String(this.port),
        "--db",
        join(this.home, "pandu.db"),
        "--token",
        this.token,
      ],
      {
        env: {
          ...process.env,
          HOME: this.home,
          XDG_CONFIG_HOME: join(this.home, "config"),
          XDG_DATA_HOME: join(this.home, "data"),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    this.#child = child;
    this.base = await new Promise((resolveBase, reject) => {
      let out = "";
      const timer = setTimeout(
        () => reject(new Error(`pandu serve did not start: ${out}`)),
        30_000,
      );
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const found = out.match(/serving on (http:\/\/[\d.]+:\d+)/);
        if (found) {
          clearTimeout(timer);
          resolveBase(found[1]);
        }
      });
      child.on("exit", (code) =>
        reject(new Error(`pandu serve exited with ${code}: ${out}`)),
      );
    });
    this.port = Number(new URL(this.base).port);
    // The host view opens with the host token, from the link Pandu gives out (never the control
    // token, which the harness's `api()` uses).
    const link = await this.api("GET", "/api/host-link");
    this.hostToken = new URL(link.urls[0]).searchParams.get("token");
  }

  /** Stops the server the way a user's Ctrl-C would, and waits until it has gone. */
  async stop() {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await gone;
  }

  /** A control API call with the token; `body` as JSON, or as is when a string. */
  async api(method, path, body) {
    const headers = { authorization: `Bearer ${this.token}` };
    if (body !== undefined)
      headers["content-type"] =
        typeof body === "string" ? "text/plain" : "application/json";
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body:
        body === undefined
          ? undefined
          : typeof body === "string"
            ? body
            : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** The host view's path, with the host token it asks for. */
  get hostPath() {
    return `/host?token=${encodeURIComponent(this.hostToken)}`;
  }

  /** Puts `sheet` in as the run sheet and starts it from its first slot. */
  async startRunSheet(sheet) {
    await this.api("PUT", "/api/run-sheet", sheet);
    await this.api("POST", "/api/run-sheet/start");
  }

  async dispose() {
    await this.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}

/**
 * Waits until a page's live stream is in `state` ("open", "lost"): the overlays mark it on
 * <html>, the host view on <body>.
 */
export function untilConnection(page, state, timeoutMs = 10_000) {
  return until(`the page's stream to be ${state}`, timeoutMs, () =>
    page.evaluate(
      (state) =>
        (document.documentElement.dataset.connection ??
          document.body.dataset.connection) === state,
      state,
    ),
  );
}

/** Waits until the first element `selector` finds reads `expected` (white space around aside). */
export function untilText(page, selector, expected, timeoutMs = 10_000) {
  return until(
    `${selector} to read ${JSON.stringify(expected)}`,
    timeoutMs,
    async () =>
      (await page.locator(selector).first().textContent())?.trim() === expected,
  );
}

/**
 * What a page test file runs against: its own `pandu` (with `config` as its settings file, when
 * given) and a Chromium, started before its tests and gone after them. `newPage(options)` opens a
 * browser page; `open(path, options, prepare)` opens `path` of the server on one (`options` as
 * `newPage` takes them), with what must never happen watched and `prepare(page)` run before it
 * loads, and resolves with `{ page, trouble }` once its stream is open.
 */
export function servePages({ config } = {}) {
  const pandu = new Pandu(config);
  let browser;
  before(async () => {
    await pandu.start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await pandu.dispose();
  });
  const newPage = (options) => browser.newPage(options);
  async function open(path, options, prepare) {
    const page = await newPage(options);
    const trouble = watch(page);
    await prepare?.(page);
    await page.goto(`${pandu.base}${path}`);
    await untilConnection(page, "open");
    return { page, trouble };
  }
  return { pandu, newPage, open };
}

/**
 * Records what must never happen on a page: a dialog (an injected `alert()` would open one), a
 * script error, a resource the CSP refused. The dialog is dismissed so the page goes on.
 */
function watch(page) {
  const trouble = [];
  page.on("dialog", (dialog) => {
    trouble.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => trouble.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error")
      trouble.push(`console error: ${message.text()}`);
  });
  return trouble;
}

/** Saves a screenshot to target/pages/`name`. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, name), ...options });
}
