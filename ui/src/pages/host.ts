// The host view: what the person on camera needs at a glance, on a second monitor (the app's
// host window) or a tablet or phone on the same Wi-Fi. It reads the host token from its own URL
// and listens to /host/events (only what this screen shows); the one thing it changes on the
// server is marking the question on screen answered ("Sudah dijawab"), which the host token may.

import './common.css';
import './host.css';
import { isExpired, nextBanner, type HostBanner } from '../lib/banner';
import { missingFacts } from '../lib/answers';
import type { AnswerCard } from '../lib/bindings/AnswerCard';
import type { HostScript } from '../lib/bindings/HostScript';
import type { NextQuestion } from '../lib/bindings/NextQuestion';
import type { Outbound } from '../lib/bindings/Outbound';
import { ClockStore } from '../lib/clock.svelte';
import { isLang, isMessageKey, LANGS, locale } from '../lib/i18n.svelte';
import { hitAsFlag } from '../lib/lexicon';
import { categoryLabel, isAuthorFlag, isInfoFlag, whyShort } from '../lib/moderation';
import { currentSlot } from '../lib/runsheet';
import { formatClock } from '../lib/time';
import { slotPhaseAt } from '../lib/urgency';
import { DropCards, type DropCard } from './drop-cards';
import { dropLabelKey, DropsOnScreen } from './drops-on-screen';
import { fillMarked } from './marked-text';
import { byId, el, keepConnected, params, setText, type ConnectionStatus } from './page';
import { Sound } from './sound';

const RENDER_MS = 100;
/**
 * After "Sudah dijawab", how long the button waits for the core's next `question` message
 * before it takes presses again (ms): a second press before the next question is on screen
 * would answer one the host has not read.
 */
const NEXT_QUESTION_WAIT_MS = 2000;

const t = locale.t;
const token = params.get('token') ?? '';
// `?lang=` chooses for this visit; the language button's choice is remembered on the device.
const askedLang = params.get('lang')?.toLowerCase();
if (isLang(askedLang)) locale.lang = askedLang;

const view = {
  status: 'connecting' as ConnectionStatus,
  question: null as NextQuestion | null,
  card: null as AnswerCard | null,
  script: null as HostScript | null,
  banner: null as HostBanner | null,
};
const clock = new ClockStore();
const drops = new DropsOnScreen();
const dropCards = new DropCards(byId('drops'), makeDropCard);
const sound = new Sound();
/** The "Sudah dijawab" request: in flight (or waiting for the next question), or it failed. */
const answering = {
  busy: false,
  failed: false,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
};
/** How many `question` messages arrived, to tell whether the next one came during a request. */
let questionsSeen = 0;

// --- The slot: product, price and the time left, counted on this page's own clock ---

/** A product the host pinned in TikTok that the run sheet does not have: the slot did not move. */
function renderPinned(): void {
  const pinned = clock.runSheet?.pinned ?? null;
  const mismatch = pinned !== null && pinned.slot === null;
  setText(
    byId('slot-pinned'),
    mismatch ? `${t('pinnedInTiktok', { title: pinned.title })} · ${t('pinnedNotOnSheet')}` : '',
  );
  byId('slot-pinned').hidden = !mismatch;
}

function renderSlot(): void {
  renderPinned();
  const runSheet = clock.runSheet;
  const panel = byId('slot');
  const slot = currentSlot(runSheet);
  const remaining = clock.slotRemaining();
  panel.dataset.started = String(slot !== null);
  if (runSheet === null || runSheet.slot === null || slot === null || remaining === null) {
    const first = runSheet?.slots[0];
    setText(byId('slot-product'), t(first === undefined ? 'hostNoSheet' : 'hostNotStarted'));
    setText(byId('slot-price'), runSheet?.name ?? '');
    setText(byId('slot-position'), '');
    setText(byId('slot-points'), '');
    setText(
      byId('slot-next'),
      first === undefined ? '' : t('slotNext', { product: first.product }),
    );
    delete panel.dataset.phase;
    return;
  }
  const phase = slotPhaseAt(runSheet, remaining);
  const over = phase === 'over';
  if (phase === null) delete panel.dataset.phase;
  else panel.dataset.phase = phase;
  panel.dataset.paused = String(runSheet.paused);
  setText(byId('slot-product'), slot.product);
  setText(byId('slot-price'), slot.price);
  const position = t('hostSlotOf', { n: runSheet.slot + 1, total: runSheet.slots.length });
  setText(byId('slot-position'), runSheet.name ? `${position} · ${runSheet.name}` : position);
  setText(byId('slot-time'), over ? `+${formatClock(remaining)}` : formatClock(remaining));
  setText(
    byId('slot-label'),
    t(runSheet.paused ? 'hostPaused' : over ? 'hostOverTime' : 'hostTimeLeft'),
  );
  const length = (runSheet.slot_seconds ?? slot.seconds) * 1000;
  const left = over ? 1 : Math.min(1, Math.max(0, remaining / Math.max(1000, length)));
  byId('slot-progress').style.transform = `scaleX(${left})`;
  setText(byId('slot-points'), slot.talking_points);
  const next = runSheet.slots[runSheet.slot + 1];
  setText(
    byId('slot-next'),
    next === undefined ? t('hostLastSlot') : t('slotNext', { product: next.product }),
  );
}

// --- Running drops: "Bayar sebelum 4:12" ---

function makeDropCard(): DropCard {
  const node = el('article', 'drop');
  const head = el('p', 'drop-head');
  const label = el('span', 'drop-label');
  const time = el('span', 'drop-time');
  head.append(label, time);
  const line = el('p', 'drop-line');
  const product = el('span', 'drop-product');
  const price = el('span', 'drop-price');
  const stock = el('span', 'drop-stock');
  line.append(product, price, stock);
  node.append(head, line);
  return { node, label, time, product, price, stock };
}

function renderDrops(now: number): void {
  const shown = drops.read(now);
  dropCards.render(
    shown,
    (sale) => clock.dropRemaining(sale),
    (sale) => t(dropLabelKey(sale, 'dropPayBefore')),
    (n) => t('dropStock', { n }),
  );
  byId('drops-empty').hidden = shown.length > 0;
}

// --- The next question: the queue's oldest open one, else one the rules suggest ---

function renderQuestion(): void {
  const question = view.question;
  const panel = byId('question');
  const suggested = question !== null && question.feedback_id === null;
  panel.dataset.state = question === null ? 'empty' : suggested ? 'suggested' : 'queued';
  if (question?.feedback_id != null) panel.dataset.feedbackId = String(question.feedback_id);
  else delete panel.dataset.feedbackId;
  // Nickname, text and product come from strangers: text only.
  setText(byId('question-nick'), question?.nickname ?? '');
  byId('question-suggested').hidden = !suggested;
  setText(byId('question-text'), question?.text ?? t('hostNoQuestion'));
  byId('question-text').classList.toggle('empty', question === null);
  const product = question?.product ?? '';
  setText(byId('question-product'), product);
  byId('question-product').hidden = product === '';
  const waiting = question?.waiting ?? 0;
  setText(byId('question-waiting'), waiting > 0 ? t('hostWaiting', { n: waiting }) : '');
  byId('question-waiting').hidden = waiting <= 0;
  renderCard();
  const button = byId<HTMLButtonElement>('question-answered');
  button.hidden = question === null;
  button.disabled = answering.busy;
  button.setAttribute('aria-busy', String(answering.busy));
  setText(byId('question-error'), answering.failed ? t('hostAnswerFailed') : '');
  byId('question-error').hidden = !answering.failed;
}

/** The answer card beside the question: the sentence to read out, or the facts it lacks. */
function renderCard(): void {
  const card = view.question === null ? null : view.card;
  byId('answer-card').hidden = card === null;
  byId('answer-card').dataset.state = card?.answer != null ? 'answer' : 'missing';
  setText(byId('answer-text'), card?.answer ?? '');
  byId('answer-text').hidden = card?.answer == null;
  const missing = card === null || card.answer !== null ? '' : missingFacts(card.missing);
  setText(byId('answer-missing'), missing);
  byId('answer-missing').hidden = missing === '';
}

function takeQuestion(question: NextQuestion | null, card: AnswerCard | null): void {
  questionsSeen += 1;
  view.card = card;
  // Another question on screen: an old failure is not about it.
  if (question?.comment_id !== view.question?.comment_id) answering.failed = false;
  view.question = question;
  if (answering.timer !== undefined) doneAnswering();
  else renderQuestion();
}

/** "Sudah dijawab": the core marks the question on screen answered and sends the next one. */
async function answerQuestion(): Promise<void> {
  if (answering.busy || view.question === null) return;
  answering.busy = true;
  answering.failed = false;
  renderQuestion();
  const seen = questionsSeen;
  let answered: unknown;
  try {
    const response = await fetch('/api/questions/next/answered', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
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

function doneAnswering(): void {
  clearTimeout(answering.timer);
  answering.timer = undefined;
  answering.busy = false;
  renderQuestion();
}

// --- The script, the banner ---

function renderScript(): void {
  const box = byId('script');
  const report = view.script;
  const empty = report === null || report.text.trim() === '';
  box.classList.toggle('empty', empty);
  if (empty) box.replaceChildren(document.createTextNode(t('hostNoScript')));
  else fillMarked(box, report.text, report.hits.map(hitAsFlag), t('hostSay'));
}

function renderBanner(): void {
  const node = byId('banner');
  const banner = view.banner;
  node.hidden = banner === null;
  if (banner === null) return;
  node.dataset.kind = banner.kind;
  const comment = banner.event;
  setText(byId('banner-reason'), categoryLabel(banner.category, t));
  // The rule the flag breaks, in the page's language (a rule pack's why; none for spam or the
  // shop's own terms).
  const why = byId('banner-why');
  setText(why, banner.why === null ? '' : whyShort(banner.why, t, locale.lang));
  why.hidden = banner.why === null;
  setText(byId('banner-nick'), comment.user.nickname || `@${comment.user.unique_id}`);
  // Information-only flags are no finding: not marked in the warning.
  const textFlags = comment.flags.filter((flag) => !isAuthorFlag(flag) && !isInfoFlag(flag));
  fillMarked(byId('banner-text'), comment.text, textFlags, t('hostSay'));
}

// --- The bar: connection, language, sound, full screen ---

const STATUS_TEXT = {
  connecting: 'stateConnecting',
  open: 'hostConnected',
  lost: 'hostLost',
} as const;

function renderStatus(): void {
  const status = byId('status');
  status.dataset.status = view.status;
  setText(status, t(STATUS_TEXT[view.status]));
  document.body.dataset.connection = view.status;
}

function renderBar(): void {
  setText(byId('lang'), t('hostOtherLanguage'));
  const soundButton = byId('sound');
  soundButton.setAttribute('aria-pressed', String(sound.enabled));
  setText(soundButton, t(sound.enabled ? 'hostSoundOn' : 'hostSoundOff'));
  const fullscreen = byId('fullscreen');
  fullscreen.hidden = !document.fullscreenEnabled;
  setText(fullscreen, t(document.fullscreenElement ? 'hostExitFullscreen' : 'hostFullscreen'));
}

function renderAll(): void {
  document.documentElement.lang = locale.lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = node.dataset.t;
    if (isMessageKey(key)) setText(node, t(key));
  }
  renderBar();
  renderStatus();
  renderQuestion();
  renderScript();
  renderBanner();
  renderClocks();
}

function renderClocks(): void {
  const now = performance.now();
  clock.now = now;
  renderSlot();
  renderDrops(now);
  if (view.banner !== null && isExpired(view.banner, Date.now())) {
    view.banner = null;
    renderBanner();
  }
}

byId('lang').addEventListener('click', () => {
  locale.set(LANGS[(LANGS.indexOf(locale.lang) + 1) % LANGS.length]!);
  renderAll();
});
byId('sound').addEventListener('click', () => {
  sound.toggle();
  renderBar();
});
byId('fullscreen').addEventListener('click', () => {
  if (document.fullscreenElement) void document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener('fullscreenchange', renderBar);
byId('question-answered').addEventListener('click', () => void answerQuestion());

function receive(message: Outbound): void {
  switch (message.type) {
    case 'clock':
      clock.apply(message);
      drops.update(message.clock.flash_sales, clock.now);
      renderClocks();
      break;
    case 'alert':
      sound.play(message.alert);
      break;
    case 'question':
      takeQuestion(message.question ?? null, message.card ?? null);
      break;
    case 'script':
      view.script = message.report;
      renderScript();
      break;
    case 'events': {
      const banner = nextBanner(view.banner, message.events, Date.now());
      if (banner !== view.banner) {
        view.banner = banner;
        renderBanner();
      }
      break;
    }
    default:
      break; // The session, the feedback log, the frame: the window's business.
  }
}

renderAll();
keepConnected(`/host/events?token=${encodeURIComponent(token)}`, {
  onMessage: receive,
  onStatus(status) {
    view.status = status;
    renderStatus();
  },
});
setInterval(renderClocks, RENDER_MS);
