// The host view: what the person on camera needs at a glance, on a second monitor (the app's
// host window) or a tablet or phone on the same Wi-Fi. It reads the token from its own URL,
// listens to /api/events, and changes nothing on the server.

import {
  choiceParam,
  el,
  formatClock,
  keepConnected,
  params,
  setText,
} from "./common.js";
import { NO_TIMER, reading, synced } from "./countdown-model.js";
import { DropCards } from "./drop-cards.js";
import { DropTimers } from "./drop-timers.js";
import { fillMarked } from "./marked-text.js";
import { Beeper } from "./sound.js";
import { LANGUAGES, STRINGS } from "./strings.js";

const LANG_KEY = "pandu.host.lang";
/** How long the "do not read aloud" banner stays up after a flagged comment (ms). */
const BANNER_MS = 6000;
/** A slot's last minute (when the core gives its heads-up). */
const SLOT_ENDING_SECONDS = 60;
const RENDER_MS = 100;
/** Flags worth stopping the host for: not spam (noise) nor a muted author (already dealt with). */
const LOUD_SEVERITIES = new Set(["medium", "high", "critical"]);

const $ = (id) => document.getElementById(id);
const storedLang = localStorage.getItem(LANG_KEY);
let lang = params.has("lang")
  ? choiceParam("lang", LANGUAGES)
  : LANGUAGES.includes(storedLang)
    ? storedLang
    : LANGUAGES[0];
let t = STRINGS[lang];

const view = {
  status: "connecting",
  runSheet: null,
  slotKey: null,
  slotTimer: NO_TIMER,
  question: null,
  script: null,
  banner: null,
};
const drops = new DropTimers();
const dropCards = new DropCards($("drops"), makeDropCard);
const beeper = new Beeper();
let bannerTimeout = null;

// --- The slot: product, price and the time left, counted on this page's own clock ---

function takeRunSheet(runSheet, now) {
  const key =
    runSheet.slot === null ? null : `${runSheet.name}#${runSheet.slot}`;
  const counting =
    key !== null && !runSheet.paused && runSheet.slot_remaining_ms !== null;
  // Another slot counts towards another instant; a paused one does not count at all.
  const timer = key === view.slotKey ? view.slotTimer : NO_TIMER;
  view.slotTimer = counting
    ? synced(timer, now, runSheet.slot_remaining_ms)
    : NO_TIMER;
  view.slotKey = key;
  view.runSheet = runSheet;
}

function slotSeconds(runSheet, now) {
  if (view.slotTimer.anchor === null)
    return Math.ceil((runSheet.slot_remaining_ms ?? 0) / 1000);
  const { seconds, timer } = reading(view.slotTimer, now, -Infinity);
  view.slotTimer = timer;
  return seconds;
}

function renderSlot(now) {
  const runSheet = view.runSheet;
  const panel = $("slot");
  const slot = runSheet?.slot == null ? null : runSheet.slots[runSheet.slot];
  panel.dataset.started = String(Boolean(slot));
  if (!slot) {
    const hasSheet = runSheet && runSheet.slots.length > 0;
    setText($("slot-product"), hasSheet ? t.notStarted : t.noSheet);
    setText($("slot-price"), runSheet?.name ?? "");
    setText($("slot-position"), "");
    setText($("slot-points"), "");
    setText(
      $("slot-next"),
      hasSheet ? `${t.next}: ${runSheet.slots[0].product}` : "",
    );
    panel.dataset.urgency = "calm";
    return;
  }
  const seconds = slotSeconds(runSheet, now);
  const over = seconds < 0;
  panel.dataset.urgency = over
    ? "over"
    : seconds <= SLOT_ENDING_SECONDS
      ? "ending"
      : "calm";
  panel.dataset.paused = String(runSheet.paused);
  setText($("slot-product"), slot.product);
  setText($("slot-price"), slot.price);
  const position = t.slotOf(runSheet.slot + 1, runSheet.slots.length);
  setText(
    $("slot-position"),
    runSheet.name ? `${position} · ${runSheet.name}` : position,
  );
  setText(
    $("slot-time"),
    over ? `+${formatClock(-seconds)}` : formatClock(seconds),
  );
  setText(
    $("slot-label"),
    runSheet.paused ? t.paused : over ? t.overTime : t.timeLeft,
  );
  const length = runSheet.slot_seconds ?? slot.seconds;
  const left = over
    ? 1
    : Math.min(1, Math.max(0, seconds / Math.max(1, length)));
  $("slot-progress").style.transform = `scaleX(${left})`;
  setText($("slot-points"), slot.talking_points);
  const next = runSheet.slots[runSheet.slot + 1];
  setText($("slot-next"), next ? `${t.next}: ${next.product}` : t.lastSlot);
}

// --- Running drops: "Bayar sebelum 4:12" ---

function makeDropCard() {
  const node = el("article", "drop");
  const head = el("p", "drop-head");
  const label = el("span", "drop-label");
  const time = el("span", "drop-time");
  head.append(label, time);
  const line = el("p", "drop-line");
  const product = el("span", "drop-product");
  const price = el("span", "drop-price");
  const stock = el("span", "drop-stock");
  line.append(product, price, stock);
  node.append(head, line);
  return { node, label, time, product, price, stock };
}

function dropLabel({ phase }) {
  if (phase === "lead-in") return t.startsIn;
  return phase === "closed" ? t.timeUp : t.payBefore;
}

function renderDrops(now) {
  const shown = drops.read(now);
  dropCards.render(shown, dropLabel, t.stock);
  $("drops-empty").hidden = shown.length > 0;
}

// --- The next question, the script, the banner ---

function renderQuestion() {
  const comment = view.question;
  setText(
    $("question-nick"),
    comment ? comment.user.nickname || `@${comment.user.unique_id}` : "",
  );
  setText($("question-text"), comment ? comment.text : t.noQuestion);
  $("question-text").classList.toggle("empty", !comment);
}

function renderScript() {
  const box = $("script");
  const report = view.script;
  const empty = !report || report.text.trim() === "";
  box.classList.toggle("empty", empty);
  if (empty) box.replaceChildren(document.createTextNode(t.noScript));
  else fillMarked(box, report.text, report.hits, t.say);
}

/** The newest comment in an `events` batch whose flags should stop the host, if any. */
function loudestFlagged(events) {
  let found = null;
  for (const event of events) {
    if (event.type !== "comment") continue;
    if (event.flags?.some((flag) => LOUD_SEVERITIES.has(flag.severity)))
      found = event;
  }
  return found;
}

function showBanner(comment) {
  view.banner = comment;
  renderBanner();
  clearTimeout(bannerTimeout);
  bannerTimeout = setTimeout(() => {
    view.banner = null;
    renderBanner();
  }, BANNER_MS);
}

function renderBanner() {
  const banner = $("banner");
  const comment = view.banner;
  banner.hidden = !comment;
  if (!comment) return;
  const loud = comment.flags.filter((flag) =>
    LOUD_SEVERITIES.has(flag.severity),
  );
  const reasons = [
    ...new Set(
      loud.map((flag) => t.categories[flag.category] ?? flag.category),
    ),
  ];
  setText($("banner-reason"), reasons.join(" · "));
  setText(
    $("banner-nick"),
    comment.user.nickname || `@${comment.user.unique_id}`,
  );
  const textHits = comment.flags.filter((flag) => flag.target !== "author");
  fillMarked($("banner-text"), comment.text, textHits, t.say);
}

// --- The bar: connection, language, sound, full screen ---

function renderStatus() {
  const status = $("status");
  status.dataset.status = view.status;
  setText(
    status,
    { connecting: t.connecting, open: t.connected, lost: t.lost }[view.status],
  );
  document.body.dataset.connection = view.status;
}

function renderBar() {
  setText($("lang"), t.otherLanguage);
  const sound = $("sound");
  sound.setAttribute("aria-pressed", String(beeper.enabled));
  setText(sound, beeper.enabled ? t.soundOn : t.soundOff);
  const fullscreen = $("fullscreen");
  fullscreen.hidden = !document.fullscreenEnabled;
  setText(
    fullscreen,
    document.fullscreenElement ? t.exitFullscreen : t.fullscreen,
  );
}

function renderAll() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-t]"))
    setText(node, t[node.dataset.t]);
  renderBar();
  renderStatus();
  renderQuestion();
  renderScript();
  renderBanner();
  renderClocks();
}

function renderClocks() {
  const now = performance.now();
  renderSlot(now);
  renderDrops(now);
}

$("lang").addEventListener("click", () => {
  lang = LANGUAGES[(LANGUAGES.indexOf(lang) + 1) % LANGUAGES.length];
  t = STRINGS[lang];
  localStorage.setItem(LANG_KEY, lang);
  renderAll();
});
$("sound").addEventListener("click", () => {
  beeper.toggle();
  renderBar();
});
$("fullscreen").addEventListener("click", () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener("fullscreenchange", renderBar);

const handlers = {
  clock({ clock }) {
    const now = performance.now();
    drops.update(clock.flash_sales, now);
    takeRunSheet(clock.run_sheet, now);
    renderClocks();
  },
  alert({ alert }) {
    beeper.play(alert.kind);
  },
  question({ comment }) {
    view.question = comment;
    renderQuestion();
  },
  script({ report }) {
    view.script = report;
    renderScript();
  },
  events({ events }) {
    const flagged = loudestFlagged(events);
    if (flagged) showBanner(flagged);
  },
};

renderAll();
keepConnected(
  `/api/events?token=${encodeURIComponent(params.get("token") ?? "")}`,
  {
    onMessage(message) {
      if (Object.hasOwn(handlers, message.type))
        handlers[message.type](message);
    },
    onStatus(status) {
      view.status = status;
      renderStatus();
    },
  },
);
setInterval(renderClocks, RENDER_MS);
