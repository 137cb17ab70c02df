// The frame overlay: a transparent 1080×1920 browser source for OBS / TikTok LIVE Studio (or the
// app's overlay window, on chroma-key green). The frame PNG the server renders is the bottom
// layer; the template's widget slots are drawn over it in HTML: the flash-sale countdown, the
// run sheet's current product and the comment the co-host pinned. It listens to
// /overlay/events (no token), counts drops down on its own clock between messages, and sends
// nothing.
//
// URL parameters: `template=NAME` shows that template instead of the one on air; `bg=green` a
// chroma-key background; `lang=en` English words.

import './common.css';
import './frame.css';
import type { FlashSale } from '../lib/bindings/FlashSale';
import type { FrameView } from '../lib/bindings/FrameView';
import type { FrameWidget } from '../lib/bindings/FrameWidget';
import type { LiveEvent } from '../lib/bindings/LiveEvent';
import { ClockStore } from '../lib/clock.svelte';
import { translate } from '../lib/i18n.svelte';
import { isSafeAvatarUrl } from '../lib/text';
import { formatClock } from '../lib/time';
import { urgencyAt } from '../lib/urgency';
import { dropLabelKey, DropsOnScreen, phaseOf } from './drops-on-screen';
import { currentProduct, fontFamily, initials, pickDrop, slotColours } from './frame-model';
import { byId, choiceParam, el, keepConnected, langParam, params, setText } from './page';

/** How often the countdown is redrawn (ms): well under a second, so a tick is never late. */
const RENDER_MS = 100;
/**
 * The smallest text (px of the 1080-wide canvas) shrink-to-fit goes down to: a phone shows the
 * canvas at about a third of its size, so smaller would be unreadable. Text still too long at
 * this size is cut with "…".
 */
const FLOOR_PX = 18;
/** Each shrink-to-fit step: the text is set this much smaller until it fits. */
const STEP = 0.92;

const root = document.documentElement;
const stage = byId('stage');
const lang = langParam();
const t = translate.bind(null, lang);
root.lang = lang;
root.dataset.bg = choiceParam('bg', ['transparent', 'green']);

/** The template asked for in the URL; null follows the one on air. */
const chosen = params.get('template')?.trim() || null;

type Box = { left: number; top: number; width: number; height: number };

/** A widget on the stage; `render` draws it with the drops on screen. */
type Widget = {
  kind: string;
  node: HTMLElement;
  body: HTMLElement;
  box: Box;
  /** What the text was last fitted for; null fits again at the next render. */
  fitted: string | null;
  render: (shown: readonly FlashSale[]) => void;
};

const clock = new ClockStore();
const onScreen = new DropsOnScreen();
const state = {
  /** The FrameView shown. */
  view: null as FrameView | null,
  /** What the widgets were built for: a new one rebuilds them. */
  layoutKey: null as string | null,
  widgets: [] as Widget[],
  pinned: null as Extract<LiveEvent, { type: 'comment' }> | null,
  /** The frame PNG on screen, and the last one asked for. */
  imageShown: null as string | null,
  imageWanted: null as string | null,
};

// --- The canvas: scaled to fit the window, centred ---

function fitStage(): void {
  const width = state.view?.width ?? 1080;
  const height = state.view?.height ?? 1920;
  const scale = Math.min(innerWidth / width, innerHeight / height);
  stage.style.width = `${width}px`;
  stage.style.height = `${height}px`;
  const left = (innerWidth - width * scale) / 2;
  const top = (innerHeight - height * scale) / 2;
  stage.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
}
addEventListener('resize', fitStage);

// --- The frame PNG: swapped only once the new one is decoded, so it never flickers ---

function showImage(view: FrameView): void {
  const url = `/overlay/frame.png?template=${encodeURIComponent(view.template)}&v=${view.version}`;
  if (url === state.imageShown || url === state.imageWanted) return;
  state.imageWanted = url;
  const image = new Image();
  image.id = 'frame-image';
  image.className = 'frame-image';
  image.alt = '';
  image.draggable = false;
  image.src = url;
  image.decode().then(
    () => {
      // A later version asked for meanwhile wins, whichever arrives first.
      if (state.imageWanted !== url) return;
      const old = document.getElementById('frame-image');
      if (old) old.replaceWith(image);
      else stage.prepend(image);
      state.imageShown = url;
      state.imageWanted = null;
    },
    () => {
      // Not renderable now (the template is refused and never rendered): the one on screen
      // stays, and the next version tries again.
      if (state.imageWanted === url) state.imageWanted = null;
    },
  );
}

// --- The frame: which template, its size and its widget slots ---

function takeView(view: FrameView): void {
  // A template refused since it was shown comes without widgets: the previous good frame stays
  // on air, so its widgets stay too.
  const keep =
    view.problem !== null && view.widgets.length === 0 && state.view?.template === view.template;
  const shown: FrameView =
    keep && state.view !== null
      ? { ...state.view, version: view.version, problem: view.problem }
      : view;
  state.view = shown;
  root.dataset.template = shown.template;
  if (shown.problem !== null) root.dataset.problem = shown.problem;
  else delete root.dataset.problem;
  const key = JSON.stringify([shown.template, shown.width, shown.height, shown.widgets]);
  if (key !== state.layoutKey) {
    state.layoutKey = key;
    buildWidgets(shown);
    fitStage();
  }
  showImage(shown);
  renderAll();
}

/** With `?template=NAME`: that template's view, fetched again whenever the version moves. */
const fetcher = { running: false, again: false };

async function fetchChosen(name: string): Promise<void> {
  if (fetcher.running) {
    fetcher.again = true;
    return;
  }
  fetcher.running = true;
  try {
    do {
      fetcher.again = false;
      try {
        const response = await fetch(`/overlay/frame.json?template=${encodeURIComponent(name)}`, {
          cache: 'no-store',
        });
        const body: unknown = await response.json();
        if (response.ok) takeView(body as FrameView);
        else root.dataset.problem = (body as { error?: string }).error ?? `HTTP ${response.status}`;
      } catch (error) {
        root.dataset.problem = String(error);
      }
    } while (fetcher.again);
  } finally {
    fetcher.running = false;
  }
}

// --- The widgets ---

const BUILDERS: Record<string, (widget: Widget) => Widget['render']> = {
  countdown: buildCountdown,
  product_card: buildProductCard,
  pinned_comment: buildPinned,
};

function buildWidgets(view: FrameView): void {
  for (const widget of state.widgets) widget.node.remove();
  state.widgets = [];
  for (const slot of view.widgets) {
    const build = BUILDERS[slot.kind];
    if (build === undefined) continue; // A kind this page does not know yet: its box stays empty.
    const node = el('section', 'widget');
    node.dataset.kind = slot.kind;
    if (slot.name) node.dataset.name = slot.name;
    node.hidden = true;
    const box: Box = {
      left: slot.x,
      top: slot.y,
      width: Math.max(1, slot.w),
      height: Math.max(1, slot.h),
    };
    for (const [property, px] of Object.entries(box)) node.style.setProperty(property, `${px}px`);
    styleSlot(node, slot);
    const body = el('div', `widget-body ${slot.kind.replace('_', '-')}`);
    node.append(body);
    stage.append(node);
    const widget: Widget = { kind: slot.kind, node, body, box, fitted: null, render: () => {} };
    widget.render = build(widget);
    state.widgets.push(widget);
  }
}

/** The slot's colours, corners and font from its template style, as CSS custom properties. */
function styleSlot(node: HTMLElement, slot: FrameWidget): void {
  const colours = slotColours(slot.style);
  node.style.setProperty('--bg', colours.background);
  node.style.setProperty('--fg', colours.color);
  node.style.setProperty('--accent', colours.accent);
  node.style.setProperty('--on-accent', colours.onAccent);
  node.style.setProperty('--accent-text', colours.accentText);
  const radius = Number(slot.style?.radius);
  node.style.setProperty('--radius', `${Number.isFinite(radius) ? Math.max(0, radius) : 24}px`);
  const family = fontFamily(slot.style?.font);
  if (family !== null) node.style.setProperty('--font', family);
}

/**
 * Shrink-to-fit, measured: the widget's text is set at `base` px and stepped down until nothing
 * overflows its box (a one-line element marked `data-line` first shrinks on its own, so a long
 * price does not shrink the whole card), down to FLOOR_PX. Returns whether it fits.
 */
function fit(widget: Widget, base: number): boolean {
  const { body } = widget;
  const lines = [...body.querySelectorAll<HTMLElement>('[data-line]')];
  let size = Math.max(FLOOR_PX, base);
  for (;;) {
    body.style.fontSize = `${size}px`;
    for (const line of lines) fitLine(line);
    const fits = !overflows(body);
    if (fits || size <= FLOOR_PX) return fits;
    size = Math.max(FLOOR_PX, size * STEP);
  }
}

/** One line, shrunk on its own to its width, down to half its size. */
function fitLine(line: HTMLElement): void {
  const full = Number(line.dataset.line);
  let scale = 1;
  line.style.fontSize = `${full}em`;
  while (line.scrollWidth > line.clientWidth + 1 && scale > 0.5) {
    scale *= STEP;
    line.style.fontSize = `${full * scale}em`;
  }
}

const overflows = (node: HTMLElement) =>
  node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;

/** Fits again only when what changes the widget's shape changed (not every clock tick). */
function refit(widget: Widget, key: string, base: number): void {
  if (widget.fitted === key) return;
  widget.fitted = key;
  fit(widget, base);
}

/** A line that shrinks on its own to its width; `size` in em of the widget's text. */
function line<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, size: number) {
  const node = el(tag, className);
  node.dataset.line = String(size);
  return node;
}

function show(widget: Widget, visible: boolean): void {
  if (widget.node.hidden === !visible) return;
  widget.node.hidden = !visible;
  if (visible) widget.fitted = null;
}

// The flash-sale countdown: "Bayar dalam 4:12", the product, its price and "sisa 20".
function buildCountdown(widget: Widget): Widget['render'] {
  const { body } = widget;
  const head = el('p', 'cd-head');
  const dot = el('span', 'cd-dot');
  const label = el('span', 'cd-label');
  head.append(dot, label);
  const stack = el('div', 'cd-stack');
  const time = line('p', 'cd-time', 3.4);
  const product = el('p', 'cd-product');
  const price = line('p', 'cd-price', 1.3);
  const stock = el('span', 'cd-stock');
  const foot = el('p', 'cd-foot');
  foot.append(stock);
  const more = el('p', 'cd-more');
  stack.append(head, time, product, price, foot, more);
  body.append(stack);
  const base = Math.min(widget.box.width * 0.1, widget.box.height * 0.105);
  const remainingOf = (sale: FlashSale) => clock.dropRemaining(sale);

  return (shown) => {
    const { drop: sale, others } = pickDrop(shown, remainingOf);
    show(widget, sale !== null);
    if (sale === null) return;
    const phase = phaseOf(sale);
    const remaining = remainingOf(sale);
    widget.node.dataset.phase = phase;
    widget.node.dataset.urgency = urgencyAt(sale, remaining);
    const clockText = formatClock(remaining);
    setText(label, t(dropLabelKey(sale, 'dropPayIn')));
    setText(time, clockText);
    setText(product, sale.product);
    setText(price, sale.price);
    setText(stock, sale.stock === null ? '' : t('dropStock', { n: sale.stock }));
    foot.hidden = sale.stock === null;
    setText(more, others > 0 ? t('overlayMoreDrops', { n: others }) : '');
    more.hidden = others === 0;
    refit(
      widget,
      [
        label.textContent,
        clockText.length,
        sale.product,
        sale.price,
        stock.textContent,
        more.textContent,
      ].join('\u0000'),
      base,
    );
  };
}

// The run sheet's current product and price; a drop running for it shows its price over the
// normal one, struck through.
function buildProductCard(widget: Widget): Widget['render'] {
  const { body } = widget;
  const head = el('p', 'pc-head');
  head.append(el('span', 'pc-dot'), el('span', 'pc-label', t('overlayProductNow')));
  const product = el('p', 'pc-product');
  const prices = el('div', 'pc-prices');
  const badge = el('p', 'pc-badge', t('overlayFlashPrice'));
  const was = line('p', 'pc-was', 0.95);
  const struck = el('s');
  was.append(struck);
  const price = line('p', 'pc-price', 1.75);
  prices.append(badge, was, price);
  body.append(head, product, prices);
  const base = Math.min(widget.box.width * 0.1, widget.box.height * 0.075);

  return () => {
    const { slot, sale } = currentProduct(clock.runSheet, clock.drops);
    show(widget, slot !== null);
    if (slot === null) return;
    widget.node.dataset.drop = String(sale !== null);
    setText(product, slot.product);
    setText(price, sale ? sale.price : slot.price);
    setText(struck, sale ? slot.price : '');
    badge.hidden = sale === null;
    was.hidden = sale === null || !slot.price;
    refit(widget, [slot.product, slot.price, sale?.price ?? ''].join('\u0000'), base);
  };
}

// The pinned comment: avatar, nickname and text, always as text; long text shrinks, then is cut.
function buildPinned(widget: Widget): Widget['render'] {
  const { body } = widget;
  const avatar = el('div', 'pin-avatar');
  const letters = el('span', 'pin-initials');
  avatar.append(letters);
  const main = el('div', 'pin-main');
  const name = el('p', 'pin-name');
  const text = el('p', 'pin-text');
  main.append(name, text);
  body.append(avatar, main);
  const { width, height } = widget.box;
  // The avatar follows the box's height; the text shrinks from a size that suits the box.
  body.style.setProperty('--avatar', `${Math.round(Math.min(height * 0.68, width * 0.2, 120))}px`);
  const base = Math.min(height * 0.3, 40);
  let shownId: string | null = null;

  return () => {
    const comment = state.pinned;
    show(widget, comment !== null);
    if (comment === null) {
      shownId = null;
      return;
    }
    if (comment.id !== shownId) {
      shownId = comment.id;
      const nickname = comment.user.nickname || comment.user.unique_id;
      setText(name, nickname);
      setText(text, comment.text);
      setText(letters, initials(nickname));
      setAvatar(avatar, comment.user.avatar_url);
      // A new comment comes in with a small movement, so viewers notice it changed.
      widget.node.classList.remove('entering');
      void widget.node.offsetWidth;
      widget.node.classList.add('entering');
    }
    if (widget.fitted === comment.id) return;
    widget.fitted = comment.id;
    text.style.removeProperty('-webkit-line-clamp');
    text.classList.remove('clamped');
    if (!fit(widget, base)) clamp(text, body);
  };
}

/** At the smallest size and still too long: as many whole lines as fit, the last ending "…". */
function clamp(text: HTMLElement, body: HTMLElement): void {
  const lineHeight = Number.parseFloat(getComputedStyle(text).lineHeight);
  let lines = Math.max(1, Math.floor(text.clientHeight / lineHeight));
  text.classList.add('clamped');
  for (; lines >= 1; lines -= 1) {
    text.style.setProperty('-webkit-line-clamp', String(lines));
    if (!overflows(body)) return;
  }
}

/** The avatar from TikTok's CDN, sending no referrer; initials when there is none or it fails. */
function setAvatar(avatar: HTMLElement, url: string | null): void {
  avatar.querySelector('img')?.remove();
  avatar.dataset.state = 'initials';
  if (!isSafeAvatarUrl(url)) return;
  const image = el('img');
  image.alt = '';
  image.referrerPolicy = 'no-referrer';
  image.decoding = 'async';
  image.addEventListener('load', () => {
    if (image.isConnected) avatar.dataset.state = 'image';
  });
  image.addEventListener('error', () => image.remove());
  image.src = url;
  avatar.append(image);
}

// --- Drawing ---

function renderAll(): void {
  const now = performance.now();
  clock.now = now;
  const shown = onScreen.read(now);
  for (const widget of state.widgets) widget.render(shown);
}

keepConnected('/overlay/events', {
  onMessage(message) {
    switch (message.type) {
      case 'clock':
        clock.apply(message);
        onScreen.update(message.clock.flash_sales, clock.now);
        break;
      case 'pinned':
        state.pinned = message.comment?.type === 'comment' ? message.comment : null;
        break;
      case 'frame':
        if (chosen === null) takeView(message.frame);
        else if (message.frame.version !== state.view?.version) void fetchChosen(chosen);
        return; // takeView drew everything.
      default:
        return; // Alerts are for the host view.
    }
    renderAll();
  },
  // Viewers never see the connection; it is marked for tests and for a look in devtools.
  onStatus(status) {
    root.dataset.connection = status;
  },
});
// Text measured before the bundled font arrived is measured again with it.
document.fonts?.addEventListener('loadingdone', () => {
  for (const widget of state.widgets) widget.fitted = null;
  renderAll();
});
if (chosen !== null) void fetchChosen(chosen);
fitStage();
setInterval(renderAll, RENDER_MS);
