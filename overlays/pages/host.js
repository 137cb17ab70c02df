// The host view: what the person on camera needs at a glance, on a second monitor (the app's
// host window) or a tablet or phone on the same Wi-Fi. It reads the token from its own URL and
// listens to /api/events; the one thing it changes on the server is marking the question on
// screen answered ("Sudah dijawab").

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
/**
 * After "Sudah dijawab", how long the button waits for the core's next `question` message
 * before it takes presses again (ms): a second press before the next question is on screen
 * would answer one the host has not read.
 */
const NEXT_QUESTION_WAIT_MS = 2000;

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
/** The "Sudah dijawab" request: in flight (or waiting for the next question), or it failed. */
const answering = { busy: false, failed: false, timer: null };
/** How many `question` messages arrived, to tell whether the next one came during a request. */
let questionsSeen = 0;

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

// --- The next question: the queue's oldest open one, else one the rules suggest ---

function renderQuestion() {
  const question = view.question;
  const panel = $("question");
  const suggested = Boolean(question) && question.feedback_id === null;
  panel.dataset.state = !question
    ? "empty"
    : suggested
      ? "suggested"
      : "queued";
  if (question && !suggested)
    panel.dataset.feedbackId = String(question.feedback_id);
  else delete panel.dataset.feedbackId;
  // Nickname, text and product come from strangers: text only.
  setText($("question-nick"), question ? question.nickname : "");
  $("question-suggested").hidden = !suggested;
  setText($("question-text"), question ? question.text : t.noQuestion);
  $("question-text").classList.toggle("empty", !question);
  const product = question?.product ?? "";
  setText($("question-product"), product);
  $("question-product").hidden = product === "";
  const waiting = question?.waiting ?? 0;
  setText($("question-waiting"), waiting > 0 ? t.waiting(waiting) : "");
  $("question-waiting").hidden = waiting <= 0;
  const button = $("question-answered");
  button.hidden = !question;
  button.disabled = answering.busy;
  button.setAttribute("aria-busy", String(answering.busy));
  setText($("question-error"), answering.failed ? t.answerFailed : "");
  $("question-error").hidden = !answering.failed;
}

function takeQuestion(question) {
  questionsSeen += 1;
  // Another question on screen: an old failure is not about it.
  if (question?.comment_id !== view.question?.comment_id)
    answering.failed = false;
  view.question = question;
  if (answering.timer !== null) doneAnswering();
  else renderQuestion();
}

/** "Sudah dijawab": the core marks the question on screen answered and sends the next one. */
async function answerQuestion() {
  if (answering.busy || !view.question) return;
  answering.busy = true;
  answering.failed = false;
  renderQuestion();
  const seen = questionsSeen;
  let answered;
  try {
    const response = await fetch("/api/questions/next/answered", {
      method: "POST",
      headers: { authorization: `Bearer ${params.get("token") ?? ""}` },
      cache: "no-store",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    answered = await response.json();
  } catch {
    answering.failed = true;
    doneAnswering();
    return;
  }
  // `null`: there was nothing to answer, so no next question is coming either.
  if (answered === null || questionsSeen !== seen) doneAnswering();
  else answering.timer = setTimeout(doneAnswering, NEXT_QUESTION_WAIT_MS);
}

function doneAnswering() {
  clearTimeout(answering.timer);
  answering.timer = null;
  answering.busy = false;
  renderQuestion();
}

// --- The script, the banner ---

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
$("question-answered").addEventListener("click", answerQuestion);

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
  question({ question }) {
    takeQuestion(question ?? null);
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
