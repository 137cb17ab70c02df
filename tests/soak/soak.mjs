// The soak: Pandu's core at a busy live's pace for a set time, its memory and handles sampled.
//
// Why: Pandu runs unattended beside a stream for hours. A leak (a buffer that keeps every
// comment, a socket per client never closed, a thread per drop) shows only after hours, so this
// runs the real `pandu serve` (or, with --desktop, the real desktop app under Xvfb) with what a
// busy live does to it, all on 127.0.0.1:
//
// - comments through the push API (`POST /api/ingest`, TikFinity's shape) at 30/s, with bursts
//   to 500/s; joins, likes and gifts beside them;
// - a run sheet put in force and moved on, a drop every few minutes (started, extended, closed),
//   a comment pinned now and then, the host's "answered" key, `/api/state` polled;
// - the frame overlay (`/overlay/frame`) and the host view (`/host?token=…`) open in headless
//   Chromium (Debian's, driven by playwright-core, as tests/pages/ do), and an API client
//   listening on `/api/events`.
//
// Every --sample seconds it records Pandu's RSS and peak RSS (/proc/PID/status), open file
// descriptors (/proc/PID/fd), threads, the archive's size (db + WAL), Chromium's renderers' RSS
// (and, with --desktop, the WebView's: WebKitWebProcess), into samples.csv; at the end it writes
// summary.json and summary.md: memory at the start, at one hour, at the end, the growth after
// the first hour (or after the warm-up, a third of the run, when the run is shorter than three
// hours), the archive's size, what was sent and archived, and every request that failed.
//
//   node tests/soak/soak.mjs --minutes 360                 # release build, results in target/soak/
//   node tests/soak/soak.mjs --minutes 1 --bin target/debug/pandu --out target/soak/test
//   node tests/soak/soak.mjs --minutes 360 --desktop       # pandu-desktop under Xvfb
//
// Options: --minutes M (default 60), --bin PATH (default target/release/pandu; with --desktop,
// target/release/pandu-desktop), --out DIR (default target/soak/<start time>), --sample S
// (default 10), --warmup S (default: an hour, or a third of a shorter run), --rate N (comments/s,
// 30), --burst-rate N (500), --burst-every S (300), --burst-seconds S (10), --drop-every S (180),
// --slot-seconds S (240), --keep (keep the archive and settings folder). It stops by itself at
// the end of the time given (or on Ctrl-C), and exits 1 when a request failed or comments went
// missing.

import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..", "..");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The options, from `--name value` arguments over the defaults. */
export function parseOptions(argv) {
  const options = {
    minutes: 60,
    bin: null,
    out: null,
    sample: 10,
    warmup: null,
    rate: 30,
    burstRate: 500,
    burstEvery: 300,
    burstSeconds: 10,
    dropEvery: 180,
    slotSeconds: 240,
    keep: false,
    desktop: false,
  };
  const numeric = new Set([
    "minutes",
    "sample",
    "warmup",
    "rate",
    "burstRate",
    "burstEvery",
    "burstSeconds",
    "dropEvery",
    "slotSeconds",
  ]);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--"))
      throw new Error(`soak: unexpected argument '${flag}'`);
    const name = flag.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(name in options)) throw new Error(`soak: unknown option '${flag}'`);
    if (typeof options[name] === "boolean") {
      options[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`soak: '${flag}' needs a value`);
    if (numeric.has(name)) {
      const number = Number(value);
      if (!Number.isFinite(number) || number <= 0)
        throw new Error(`soak: '${flag} ${value}': not a positive number`);
      options[name] = number;
    } else options[name] = value;
  }
  const seconds = options.minutes * 60;
  options.warmup ??= Math.min(3600, Math.round(seconds / 3));
  if (options.warmup >= seconds)
    throw new Error(
      `soak: --warmup ${options.warmup} is not shorter than the run (${seconds} s)`,
    );
  options.bin = resolve(
    options.bin ??
      join(
        root,
        "target",
        "release",
        options.desktop ? "pandu-desktop" : "pandu",
      ),
  );
  options.out = resolve(
    options.out ??
      join(
        root,
        "target",
        "soak",
        new Date().toISOString().replace(/[:.]/g, "-"),
      ),
  );
  return options;
}

// ---------------------------------------------------------------------------------------------
// What a live sends.

const TEXTS = [
  "ukuran L ada kak?",
  "kak warna hitam ready?",
  "bisa COD ga kak",
  "mantap kak 🔥🔥",
  "harganya berapa kak",
  "di shopee lebih murah loh",
  "WA aja kak 0812",
  "barang sudah sampai, bagus banget 😍",
  "kak spill yang kiri dong",
  "ongkir ke medan berapa?",
  "cakep bgt",
  "kapan restock kak",
  "kak aku udah checkout ya",
  "bahannya adem ga kak",
  "halo kak salam dari bandung 👋",
  "jelek, barang rusak pas sampai",
  "kak yang motif bunga masih ada?",
  "pesanan saya belum dikirim kak",
  "lanjut kak",
  "❤️❤️❤️",
];
const WORDS = [
  "hijab",
  "kulot",
  "sofa",
  "kursi",
  "gamis",
  "tas",
  "sepatu",
  "kemeja",
  "rok",
  "daster",
];

/** Builds events in the TikFinity shape (the push API's most used one); ids never repeat. */
class Live {
  #next = 0;
  comments = 0;
  joins = 0;
  likes = 0;
  gifts = 0;
  /** The ids of the last comments made, newest last (for pinning). */
  recent = [];

  #user() {
    const n = Math.floor(Math.random() * 2000);
    return {
      uniqueId: `penonton.${n}`,
      nickname: `Penonton ${n}`,
      userId: String(100000 + n),
    };
  }

  #id() {
    return `soak-${process.pid}-${this.#next++}`;
  }

  comment() {
    const msgId = this.#id();
    this.comments++;
    this.recent.push(msgId);
    if (this.recent.length > 50) this.recent.shift();
    let comment = TEXTS[Math.floor(Math.random() * TEXTS.length)];
    // Some text of its own, so the archive's index grows as a real one does.
    if (Math.random() < 0.3)
      comment += ` ${WORDS[Math.floor(Math.random() * WORDS.length)]} no ${Math.floor(Math.random() * 100000)}`;
    return { event: "chat", data: { ...this.#user(), comment, msgId } };
  }

  join() {
    this.joins++;
    return { event: "member", data: { ...this.#user(), msgId: this.#id() } };
  }

  like() {
    this.likes++;
    return {
      event: "like",
      data: {
        ...this.#user(),
        likeCount: 1 + Math.floor(Math.random() * 15),
        msgId: this.#id(),
      },
    };
  }

  gift() {
    this.gifts++;
    return {
      event: "gift",
      data: {
        ...this.#user(),
        giftId: 5655,
        giftName: "Rose",
        giftType: 1,
        repeatCount: 1 + Math.floor(Math.random() * 10),
        repeatEnd: true,
        diamondCount: 1,
        msgId: this.#id(),
      },
    };
  }
}

const RUN_SHEET = (slotSeconds) => ({
  name: "Soak",
  slots: [
    "Hijab Voal Motif Premium",
    "Celana Kulot Highwaist",
    "Sofa Novilla 3 dudukan",
    "Kursi Avenco",
  ].map((product, i) => ({
    product,
    price: `Rp${(i + 1) * 45}.000`,
    seconds: slotSeconds,
    talking_points: "Bahan adem, tidak menerawang\nTersedia 12 warna",
    drop: { price: `Rp${(i + 1) * 39}.000`, seconds: 60, stock: 20 },
  })),
});

// ---------------------------------------------------------------------------------------------
// Processes and what /proc says of them.

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** `VmRSS`, `VmHWM` (KiB) and `Threads` of a process, or null once it has gone. */
function procStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name) =>
      Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, "m"))?.[1] ?? NaN);
    return {
      rss: field("VmRSS"),
      hwm: field("VmHWM"),
      threads: field("Threads"),
    };
  } catch {
    return null;
  }
}

function fdCount(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}

/** Every process below `pid` (children, grandchildren…), with its command line. */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0 && found.length < 1000) {
    for (const child of children.get(queue.shift()) ?? []) {
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll(
          "\0",
          " ",
        );
      } catch {
        continue;
      }
      found.push({ pid: child, cmdline });
      queue.push(child);
    }
  }
  return found;
}

/** The RSS (KiB) summed over the processes given. */
const rssOf = (pids) =>
  pids.reduce((sum, pid) => sum + (procStatus(pid)?.rss ?? 0), 0);

/**
 * The PSS (KiB) summed over the processes given: each shared page counted once over all the
 * processes sharing it, so a sum over Chromium's processes means something (its RSS sum counts
 * the shared library once per process).
 */
const pssOf = (pids) =>
  pids.reduce((sum, pid) => {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      return sum + Number(rollup.match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);

const fileSize = (path) => (existsSync(path) ? statSync(path).size : 0);

// ---------------------------------------------------------------------------------------------
// The app under test.

/** `pandu serve` (or `pandu-desktop` under Xvfb) in a throwaway home inside `dir`. */
class App {
  token = `soak-${process.pid}-${Date.now()}`;
  base = null;
  pid = null;
  #children = [];
  #exited = null;

  constructor(options, dir) {
    this.options = options;
    this.home = join(dir, "home");
    this.db = join(this.home, "pandu.db");
    mkdirSync(join(this.home, "config", "pandu"), { recursive: true });
    // The token through the settings file: `pandu-desktop` takes no --token.
    writeFileSync(
      join(this.home, "config", "pandu", "config.toml"),
      `token = "${this.token}"\n`,
    );
  }

  get env() {
    return {
      ...process.env,
      HOME: this.home,
      XDG_CONFIG_HOME: join(this.home, "config"),
      XDG_DATA_HOME: join(this.home, "data"),
    };
  }

  async start() {
    const port = await freePort();
    const args = ["--source", "none", "--port", String(port), "--db", this.db];
    let env = this.env;
    if (this.options.desktop) {
      const display = await startXvfb(this.#children);
      env = { ...env, DISPLAY: display, WEBKIT_DISABLE_COMPOSITING_MODE: "1" };
    } else args.unshift("serve");
    const child = spawn(this.options.bin, args, {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#children.push(child);
    this.pid = child.pid;
    this.#exited = new Promise((r) =>
      child.once("exit", (code, signal) => r({ code, signal })),
    );
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    this.output = () => output;
    this.base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`${this.options.bin} exited at start: ${output}`);
      try {
        if (
          (
            await fetch(`${this.base}/api/health`, {
              signal: AbortSignal.timeout(2000),
            })
          ).ok
        )
          return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(
      `${this.options.bin} did not answer on ${this.base} within 120 s: ${output}`,
    );
  }

  /** The WebView's processes (pandu-desktop's WebKitWebProcess), none for `pandu serve`. */
  webview() {
    return descendants(this.pid)
      .filter(({ cmdline }) => cmdline.includes("WebKitWebProcess"))
      .map(({ pid }) => pid);
  }

  /** Ctrl-C, as a user stops it; resolves once it has gone, with what it said. */
  async stop() {
    const [app, ...others] = this.#children;
    if (app && app.exitCode === null) {
      app.kill("SIGINT");
      const timer = setTimeout(() => app.kill("SIGKILL"), 30_000);
      await this.#exited;
      clearTimeout(timer);
    }
    for (const other of others)
      if (other.exitCode === null) other.kill("SIGTERM");
    return this.output?.() ?? "";
  }
}

/** An Xvfb of our own on the first free display; resolves with its DISPLAY. */
async function startXvfb(children) {
  const xvfb = spawn(
    "Xvfb",
    ["-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  children.push(xvfb);
  const number = await new Promise((resolveNumber, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error("Xvfb did not start within 20 s")),
      20_000,
    );
    xvfb.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolveNumber(out.trim());
      }
    });
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return `:${number}`;
}

// ---------------------------------------------------------------------------------------------
// The soak.

/** Runs the soak; resolves with the summary (also written to `options.out`). */
export async function runSoak(options, log = console.log) {
  mkdirSync(options.out, { recursive: true });
  const app = new App(options, options.out);
  const live = new Live();
  const failures = [];
  const fail = (what) => {
    // The first thousand are kept: a run gone wrong for hours stays small.
    if (failures.length < 1000)
      failures.push(`${new Date().toISOString()} ${what}`);
    if (failures.length <= 20) log(`soak: FAILED: ${what}`);
  };
  const seconds = options.minutes * 60;
  let stopping = false;
  const onSignal = () => {
    stopping = true;
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Whatever happens, the run ends: a minute past its time, the process goes.
  const hardStop = setTimeout(
    () => {
      log("soak: did not finish within its time plus 5 minutes; stopping hard");
      process.exit(2);
    },
    (seconds + 300) * 1000,
  );
  hardStop.unref();

  let browser = null;
  let eventsClient = null;
  const samples = [];
  const csv = join(options.out, "samples.csv");
  try {
    await app.start();
    log(
      `soak: ${options.bin} (pid ${app.pid}) on ${app.base}, ${options.minutes} min, results in ${options.out}`,
    );

    const api = async (method, path, body) => {
      try {
        const response = await fetch(`${app.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${app.token}`,
            ...(body === undefined
              ? {}
              : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        if (!response.ok) {
          fail(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
          return null;
        }
        return text ? JSON.parse(text) : null;
      } catch (error) {
        fail(`${method} ${path}: ${error.message}`);
        return null;
      }
    };

    // The host view through the link a tool gets for it (`GET /api/host-link`, the host's own
    // token), or with the control token where the server has no such route.
    const hostLink = await fetch(`${app.base}/api/host-link`, {
      headers: { authorization: `Bearer ${app.token}` },
      signal: AbortSignal.timeout(30_000),
    }).then((response) => (response.ok ? response.json() : null));
    const hostPath = hostLink?.urls?.[0]
      ? (({ pathname, search }) => `${pathname}${search}`)(
          new URL(hostLink.urls[0]),
        )
      : `/host?token=${encodeURIComponent(app.token)}`;
    // The pages, as a host has them open through the live.
    const pages = [];
    const { launchChromium } = await import("../pages/chromium.mjs");
    browser = await launchChromium();
    for (const [path, viewport] of [
      ["/overlay/frame", { width: 1080, height: 1920 }],
      [hostPath, { width: 1280, height: 800 }],
    ]) {
      const page = await browser.newPage({ viewport });
      const name = path.split("?")[0];
      page.on("pageerror", (error) =>
        fail(`${name}: page error: ${error.message}`),
      );
      page.on("crash", () => fail(`${name}: the page crashed`));
      page.on("console", (message) => {
        if (message.type() === "error")
          fail(`${name}: console error: ${message.text()}`);
      });
      await page.goto(`${app.base}${path}`);
      pages.push({ name, page });
    }
    // Chromium's processes: this process's descendants that are Chromium (playwright-core
    // launches it as a child of this one), renderers told apart by their `--type`.
    const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    const chromiumProcesses = () =>
      browser
        ? descendants(process.pid).filter(
            ({ cmdline }) =>
              /chrom/i.test(cmdline.split(" ")[0]) ||
              cmdline.startsWith(chromiumPath),
          )
        : [];

    // An API client on /api/events, as a tool listens.
    let eventMessages = 0;
    // The control token as a header: only the host view's page and stream take one in the URL.
    eventsClient = new WebSocket(
      `${app.base.replace("http", "ws")}/api/events`,
      {
        headers: { authorization: `Bearer ${app.token}` },
      },
    );
    eventsClient.onmessage = () => {
      eventMessages++;
    };
    eventsClient.onerror = () => fail("/api/events: WebSocket error");
    let eventsClosed = false;
    eventsClient.onclose = () => {
      if (!stopping) fail("/api/events: closed by the server");
      eventsClosed = true;
    };

    await api("PUT", "/api/run-sheet", RUN_SHEET(options.slotSeconds));
    await api("POST", "/api/run-sheet/start");

    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    const header = [
      "elapsed_s",
      "time",
      "pandu_rss_kb",
      "pandu_hwm_kb",
      "pandu_fds",
      "pandu_threads",
      "db_bytes",
      "wal_bytes",
      "chromium_renderers_rss_kb",
      "chromium_renderers_pss_kb",
      "chromium_total_pss_kb",
      "webview_rss_kb",
      "webview_pss_kb",
      "comments_sent",
      "events_sent",
      "comments_in_state",
      "archived",
      "archive_waiting",
      "archive_dropped",
      "latency_p99_us",
      "events_messages",
      "failures",
    ];
    writeFileSync(csv, `${header.join(",")}\n`);
    let lastState = null;
    const sample = () => {
      const status = procStatus(app.pid);
      if (!status) {
        fail("the app has gone");
        stopping = true;
        return;
      }
      const chromium = chromiumProcesses();
      // The pages' renderers (new headless Chromium runs renderers of its own UI too).
      const renderers = chromium
        .filter(
          ({ cmdline }) =>
            cmdline.includes("--type=renderer") &&
            !cmdline.includes("--top-chrome-webui"),
        )
        .map(({ pid }) => pid);
      const webview = options.desktop ? app.webview() : [];
      const row = {
        elapsed_s: Math.round(elapsed()),
        time: new Date().toISOString(),
        pandu_rss_kb: status.rss,
        pandu_hwm_kb: status.hwm,
        pandu_fds: fdCount(app.pid),
        pandu_threads: status.threads,
        db_bytes: fileSize(app.db),
        wal_bytes: fileSize(`${app.db}-wal`),
        chromium_renderers_rss_kb: rssOf(renderers),
        chromium_renderers_pss_kb: pssOf(renderers),
        chromium_total_pss_kb: pssOf(chromium.map(({ pid }) => pid)),
        webview_rss_kb: rssOf(webview),
        webview_pss_kb: pssOf(webview),
        comments_sent: live.comments,
        events_sent: live.comments + live.joins + live.likes + live.gifts,
        comments_in_state: lastState?.comments ?? "",
        archived: lastState?.archived ?? "",
        archive_waiting: lastState?.archive_waiting ?? "",
        archive_dropped: lastState?.archive_dropped ?? "",
        latency_p99_us: lastState?.latency_p99_us ?? "",
        events_messages: eventMessages,
        failures: failures.length,
      };
      samples.push(row);
      appendFileSync(csv, `${header.map((key) => row[key]).join(",")}\n`);
    };

    // The control side: the run sheet moves on, drops start and end, a comment gets pinned,
    // the host marks the next question answered, a tool polls the state.
    const control = async () => {
      let nextDrop = options.dropEvery / 2;
      let nextSlot = options.slotSeconds;
      let nextPin = 30;
      let nextAnswer = 20;
      let slotMoves = 0;
      let drops = 0;
      while (!stopping && elapsed() < seconds) {
        const now = elapsed();
        lastState = (await api("GET", "/api/state")) ?? lastState;
        if (now >= nextDrop) {
          nextDrop += options.dropEvery;
          // Every other drop is the slot's own; each is extended once, every third closed by hand.
          const drop =
            drops % 2 === 0
              ? await api("POST", "/api/flash-sales/for-slot")
              : await api("POST", "/api/flash-sales", {
                  product: "Hijab Voal Motif Premium",
                  price: "Rp39.000",
                  seconds: 60,
                  stock: 20,
                });
          if (drop) {
            await api("POST", `/api/flash-sales/${drop.id}/extend`, {
              seconds: 30,
            });
            if (drops % 3 === 2)
              await api("DELETE", `/api/flash-sales/${drop.id}`);
          }
          drops++;
        }
        if (now >= nextSlot) {
          nextSlot += options.slotSeconds;
          slotMoves++;
          await api(
            "POST",
            slotMoves % 4 === 0
              ? "/api/run-sheet/start"
              : "/api/run-sheet/next",
          );
        }
        if (now >= nextPin && live.recent.length > 10) {
          nextPin += 60;
          // One made a few seconds ago: it has reached the live's recent comments by now.
          await api("POST", "/api/pin", { comment_id: live.recent[0] });
        }
        if (now >= nextAnswer) {
          nextAnswer += 45;
          await api("POST", "/api/questions/next/answered");
        }
        await sleep(1000);
      }
      return { drops, slotMoves };
    };

    // The comments: what is owed at each tick, in one POST, one at a time.
    const rateAt = (t) =>
      t % options.burstEvery >= options.burstEvery - options.burstSeconds
        ? options.burstRate
        : options.rate;
    const push = async () => {
      let owed = 0;
      let owedJoins = 0;
      let owedLikes = 0;
      let owedGifts = 0;
      let last = elapsed();
      let requests = 0;
      while (!stopping && elapsed() < seconds) {
        const now = elapsed();
        const dt = now - last;
        last = now;
        owed += rateAt(now) * dt;
        owedJoins += 3 * dt;
        owedLikes += 8 * dt;
        owedGifts += 0.3 * dt;
        const batch = [];
        for (; owed >= 1 && batch.length < 5000; owed--)
          batch.push(live.comment());
        for (; owedJoins >= 1; owedJoins--) batch.push(live.join());
        for (; owedLikes >= 1; owedLikes--) batch.push(live.like());
        for (; owedGifts >= 1; owedGifts--) batch.push(live.gift());
        if (batch.length > 0) {
          requests++;
          const answer = await api("POST", "/api/ingest", batch);
          if (
            answer &&
            (answer.accepted !== batch.length || answer.rejected.length > 0)
          )
            fail(
              `/api/ingest: ${batch.length} sent, ${answer.accepted} accepted: ${JSON.stringify(answer.rejected).slice(0, 300)}`,
            );
        }
        await sleep(100);
      }
      return requests;
    };

    const sampler = async () => {
      while (!stopping && elapsed() < seconds) {
        sample();
        const next =
          Math.ceil((elapsed() + 0.01) / options.sample) * options.sample;
        await sleep(Math.max(0, Math.min(next, seconds) - elapsed()) * 1000);
      }
    };

    const [ingestRequests, { drops, slotMoves }] = await Promise.all([
      push(),
      control(),
      sampler(),
    ]);

    // The end: the archive catches up, the pages are still live, then one last sample.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      lastState = await api("GET", "/api/state");
      if (
        lastState &&
        lastState.archive_waiting === 0 &&
        lastState.comments >= live.comments
      )
        break;
      await sleep(500);
    }
    for (const { name, page } of pages) {
      const connection = await page
        .evaluate(
          () =>
            document.documentElement.dataset.connection ??
            document.body.dataset.connection,
        )
        .catch((error) => `unreadable (${error.message})`);
      if (connection !== "open")
        fail(`${name}: its stream is '${connection}' at the end, not open`);
    }
    if (eventsClosed) fail("/api/events: the client was disconnected");
    sample();
    stopping = true;
    eventsClient.close();
    await browser?.close();
    browser = null;
    const said = await app.stop();

    // What the archive holds, read by the app's own CLI once it has stopped.
    const cli = options.desktop
      ? join(options.bin, "..", "pandu")
      : options.bin;
    const sessions = spawnSync(cli, ["sessions", "--db", app.db], {
      encoding: "utf8",
      env: app.env,
    });
    const archivedComments = sessions.stdout
      .split("\n")
      .filter(Boolean)
      .reduce((sum, line) => sum + JSON.parse(line).comments, 0);
    if (sessions.status !== 0) fail(`pandu sessions: ${sessions.stderr}`);
    if (archivedComments !== live.comments)
      fail(
        `${live.comments} comments sent, ${archivedComments} in the archive`,
      );

    const summary = summarize({
      options,
      samples,
      failures,
      live,
      archivedComments,
      ingestRequests,
      drops,
      slotMoves,
      eventMessages,
      stopMessage:
        said
          .split("\n")
          .filter((line) => line.includes("archived"))
          .pop() ?? "",
    });
    writeFileSync(
      join(options.out, "summary.json"),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    writeFileSync(join(options.out, "summary.md"), markdown(summary));
    log(markdown(summary));
    return summary;
  } finally {
    clearTimeout(hardStop);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    stopping = true;
    eventsClient?.close();
    await browser?.close().catch(() => {});
    await app.stop().catch(() => {});
    if (!options.keep) rmSync(app.home, { recursive: true, force: true });
  }
}

/** The sample nearest `seconds` into the run. */
const at = (samples, seconds) =>
  samples.reduce((best, s) =>
    Math.abs(s.elapsed_s - seconds) < Math.abs(best.elapsed_s - seconds)
      ? s
      : best,
  );

const mib = (kib) => Math.round((kib / 1024) * 10) / 10;

/** Start, one hour (or the warm-up's end) and end figures, and the growth after the warm-up. */
export function summarize({
  options,
  samples,
  failures,
  live,
  archivedComments,
  ...rest
}) {
  const first = samples[0];
  const warm = at(samples, options.warmup);
  const hour = samples.at(-1).elapsed_s >= 3600 ? at(samples, 3600) : null;
  const last = samples.at(-1);
  const after = samples.filter((s) => s.elapsed_s >= warm.elapsed_s);
  const max = (key) => Math.max(...after.map((s) => s[key]));
  const figures = (s) => ({
    elapsed_s: s.elapsed_s,
    pandu_rss_mib: mib(s.pandu_rss_kb),
    pandu_hwm_mib: mib(s.pandu_hwm_kb),
    pandu_fds: s.pandu_fds,
    pandu_threads: s.pandu_threads,
    archive_mib: mib((s.db_bytes + s.wal_bytes) / 1024),
    chromium_renderers_rss_mib: mib(s.chromium_renderers_rss_kb),
    chromium_renderers_pss_mib: mib(s.chromium_renderers_pss_kb),
    chromium_total_pss_mib: mib(s.chromium_total_pss_kb),
    webview_rss_mib: mib(s.webview_rss_kb),
    webview_pss_mib: mib(s.webview_pss_kb),
  });
  return {
    app: options.bin,
    minutes: options.minutes,
    warmup_s: options.warmup,
    start: figures(first),
    warm: figures(warm),
    hour: hour && figures(hour),
    end: figures(last),
    growth_after_warmup: {
      pandu_rss_mib: mib(last.pandu_rss_kb - warm.pandu_rss_kb),
      pandu_rss_max_mib: mib(max("pandu_rss_kb")),
      pandu_fds: last.pandu_fds - warm.pandu_fds,
      pandu_fds_max: max("pandu_fds"),
      pandu_threads: last.pandu_threads - warm.pandu_threads,
      pandu_threads_max: max("pandu_threads"),
      chromium_renderers_rss_mib: mib(
        last.chromium_renderers_rss_kb - warm.chromium_renderers_rss_kb,
      ),
      chromium_total_pss_mib: mib(
        last.chromium_total_pss_kb - warm.chromium_total_pss_kb,
      ),
      webview_rss_mib: mib(last.webview_rss_kb - warm.webview_rss_kb),
    },
    sent: {
      comments: live.comments,
      joins: live.joins,
      likes: live.likes,
      gifts: live.gifts,
    },
    archived_comments: archivedComments,
    failures,
    ...rest,
  };
}

function markdown(s) {
  const row = (name, f) =>
    f
      ? `| ${name} | ${f.elapsed_s} s | ${f.pandu_rss_mib} | ${f.pandu_hwm_mib} | ${f.pandu_fds} | ${f.pandu_threads} | ${f.archive_mib} | ${f.chromium_renderers_rss_mib} | ${f.chromium_total_pss_mib} | ${f.webview_rss_mib} |`
      : `| ${name} | (run shorter) | | | | | | | | |`;
  const g = s.growth_after_warmup;
  return `# Soak: ${s.minutes} min of ${s.app}

| when | at | Pandu RSS MiB | peak RSS MiB | fds | threads | archive MiB (db+wal) | the pages' Chromium renderers RSS MiB | all of Chromium PSS MiB | WebView RSS MiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row("start", s.start)}
${row(`warm-up end`, s.warm)}
${row("1 h", s.hour)}
${row("end", s.end)}

Growth from the warm-up's end (${s.warmup_s} s) to the end: Pandu RSS ${g.pandu_rss_mib} MiB (highest
after warm-up ${g.pandu_rss_max_mib} MiB), fds ${g.pandu_fds} (highest ${g.pandu_fds_max}), threads
${g.pandu_threads} (highest ${g.pandu_threads_max}), Chromium's page renderers ${g.chromium_renderers_rss_mib} MiB (all of Chromium, PSS: ${g.chromium_total_pss_mib} MiB), WebView ${g.webview_rss_mib} MiB.

Sent: ${s.sent.comments} comments, ${s.sent.joins} joins, ${s.sent.likes} likes, ${s.sent.gifts} gifts in
${s.ingestRequests} pushes; ${s.drops} drops, ${s.slotMoves} run-sheet moves; ${s.eventMessages} messages
on /api/events. In the archive: ${s.archived_comments} comments. ${s.stopMessage ?? ""}

Failures: ${
    s.failures.length === 0
      ? "none"
      : `${s.failures.length}\n\n${s.failures
          .slice(0, 50)
          .map((f) => `- ${f}`)
          .join("\n")}`
  }
`;
}

// Run from the command line: node tests/soak/soak.mjs --minutes 360
if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(import.meta.filename)
) {
  if (typeof WebSocket === "undefined") {
    // Node 20 has its WebSocket client behind a flag (Node 22 on: always).
    const again = spawnSync(
      process.execPath,
      ["--experimental-websocket", ...process.argv.slice(1)],
      {
        stdio: "inherit",
      },
    );
    process.exit(again.status ?? 1);
  }
  try {
    const summary = await runSoak(parseOptions(process.argv.slice(2)));
    process.exit(summary.failures.length === 0 ? 0 : 1);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
