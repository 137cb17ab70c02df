// End-to-end: the real desktop app in a real window (run under Xvfb), driven over WebDriver.
//
// tauri-driver (from crates.io) fronts Debian's WebKitWebDriver, which starts the app binary
// with a fresh archive and settings folder. The test waits for demo comments to appear in the
// window's DOM, writes a screenshot for people to look at, closes the app, and then checks that
// what the window showed is what the archive holds, via `pandu export`.
//
// Run: xvfb-run -a node --test tests/e2e/   (the Makefile's `make test` does this)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..", "..");
const app = join(root, "target", "debug", "pandu-desktop");
const cli = join(root, "target", "debug", "pandu");
const screenshotDir = join(root, "target", "e2e");
const driverPort = 4444;
const driverUrl = `http://127.0.0.1:${driverPort}`;
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

const home = mkdtempSync(join(tmpdir(), "pandu-e2e-"));
const archive = join(home, "pandu.db");
let driver;
let session;

async function webdriver(method, path, body) {
  const response = await fetch(`${driverUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(
      `${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json)}`,
    );
  }
  return json.value;
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

const find = (selector) =>
  webdriver("POST", `/session/${session}/elements`, {
    using: "css selector",
    value: selector,
  }).then((found) => found.map((element) => element[ELEMENT]));

before(async () => {
  driver = spawn("tauri-driver", ["--port", String(driverPort)], {
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await until(
    "tauri-driver",
    30_000,
    async () => (await fetch(`${driverUrl}/status`)).ok,
  );
});

/** Opens the app with `args` in a new WebDriver session. */
async function openApp(args) {
  const created = await webdriver("POST", "/session", {
    capabilities: {
      alwaysMatch: { "tauri:options": { application: app, args } },
    },
  });
  session = created.sessionId;
}

/** Closes the app; it archives everything it received on the way out. */
async function closeApp() {
  await webdriver("DELETE", `/session/${session}`);
  session = undefined;
}

after(async () => {
  if (session) await webdriver("DELETE", `/session/${session}`).catch(() => {});
  driver?.kill();
  rmSync(home, { recursive: true, force: true });
});

test("demo comments stream into the console and land in the archive", async () => {
  await openApp(["--db", archive, "--port", "0", "--source", "demo:20"]);
  const rows = await until(
    "at least 10 comments in the feed",
    60_000,
    async () => {
      const found = await find('[data-testid="comment"]');
      return found.length >= 10 ? found : undefined;
    },
  );
  assert.ok(rows.length >= 10);

  // Read from the DOM itself: WebKit's driver reports "" for the virtual list's overscan rows,
  // which are in the DOM but outside the visible area.
  const texts = await webdriver("POST", `/session/${session}/execute/sync`, {
    script: `return [...document.querySelectorAll('[data-testid="comment-text"]')].map((e) => e.textContent);`,
    args: [],
  });
  assert.ok(texts.length >= 10, `only ${texts.length} comment texts`);
  assert.ok(
    texts.every((t) => t.trim().length > 0),
    `empty comment text in ${JSON.stringify(texts)}`,
  );

  const [count] = await find('[data-testid="comment-count"]');
  const shown = Number(
    await webdriver(
      "GET",
      `/session/${session}/element/${count}/attribute/data-value`,
    ),
  );
  assert.ok(shown >= 10, `the status bar counts ${shown} comments`);

  mkdirSync(screenshotDir, { recursive: true });
  const png = await webdriver("GET", `/session/${session}/screenshot`);
  writeFileSync(join(screenshotDir, "console.png"), Buffer.from(png, "base64"));

  await closeApp();
  const exported = await until(
    "the archive to hold what the window showed",
    20_000,
    () => {
      const lines = execFileSync(cli, ["export", "--db", archive], {
        encoding: "utf8",
      })
        .trim()
        .split("\n");
      const archived = new Set(
        lines.filter(Boolean).map((line) => JSON.parse(line).text),
      );
      return texts.every((t) => archived.has(t)) ? archived : undefined;
    },
  );
  assert.ok(exported.size >= 10);
});

test("a file that is not an archive is named in the window and left untouched", async () => {
  const notes = join(home, "catatan-live.txt");
  const content = "catatan: jangan sebut aplikasi oren\n".repeat(40);
  writeFileSync(notes, content);
  await openApp(["--db", notes, "--port", "0"]);
  const banner = await until("the start-up error", 30_000, async () => {
    const [element] = await find('[data-testid="startup-error"]');
    return (
      element &&
      (await webdriver("GET", `/session/${session}/element/${element}/text`))
    );
  });
  assert.match(banner, /catatan-live\.txt/);
  assert.match(banner, /not a Pandu archive/);
  await closeApp();
  assert.equal(readFileSync(notes, "utf8"), content);
});
