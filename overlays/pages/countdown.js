// The flash-sale countdown overlay: a transparent 1080×1920 browser source for OBS / TikTok LIVE
// Studio. It listens to /overlay/events (clock messages only, no token), counts each drop down
// on its own clock between messages, and sends nothing.

import {
  choiceParam,
  colourParam,
  el,
  formatClock,
  keepConnected,
  numberParam,
  setText,
} from "./common.js";
import { DropTimers } from "./drop-timers.js";
import { LANGUAGES, STRINGS } from "./strings.js";

/** Below this many seconds the card pulses harder: the host's last call. */
const FINAL_SECONDS = 30;
/** How often the numbers are redrawn (ms): well under a second, so a tick is never late. */
const RENDER_MS = 100;

const root = document.documentElement;
const lang = choiceParam("lang", LANGUAGES);
const t = STRINGS[lang];
root.lang = lang;
root.dataset.position = choiceParam("position", ["top", "center", "bottom"]);
root.dataset.theme = choiceParam("theme", ["dark", "light"]);
root.dataset.bg = choiceParam("bg", ["transparent", "green"]);
root.style.setProperty("--scale", String(numberParam("scale", 1, 0.5, 2)));
const accent = colourParam("accent");
if (accent) {
  root.style.setProperty("--accent", accent);
  root.style.setProperty("--on-accent", readableOn(accent));
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function readableOn(hex) {
  const full = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? "#111111" : "#ffffff";
}

const list = document.getElementById("drops");
const timers = new DropTimers();
/** id → the card's element and the parts that change. */
const cards = new Map();

function makeCard() {
  const node = el("section", "drop");
  const clock = el("div", "drop-clock");
  const label = el("span", "drop-label");
  const time = el("span", "drop-time");
  clock.append(label, time);
  const info = el("div", "drop-info");
  const tags = el("div", "drop-tags");
  const stock = el("span", "drop-stock");
  tags.append(el("span", "drop-tag", t.flashSale), stock);
  const product = el("p", "drop-product");
  const price = el("p", "drop-price");
  info.append(tags, product, price);
  node.append(clock, info);
  return { node, label, time, stock, product, price };
}

function labelFor({ sale, phase }) {
  if (phase === "lead-in") return t.startsIn;
  if (phase === "closed")
    return sale.end_reason === "closed" ? t.closedByHand : t.timeUp;
  return t.payIn;
}

function urgencyOf({ sale, phase, seconds }) {
  if (phase !== "window") return "calm";
  if (seconds <= FINAL_SECONDS) return "final";
  return sale.state === "ending" ? "ending" : "calm";
}

function render() {
  const shown = timers.read(performance.now());
  const ids = new Set();
  for (const drop of shown) {
    ids.add(drop.sale.id);
    let card = cards.get(drop.sale.id);
    if (!card) {
      card = makeCard();
      cards.set(drop.sale.id, card);
    }
    // Cards follow the server's order (oldest first); ones on their way out end up last.
    const slot = list.children[ids.size - 1] ?? null;
    if (card.node !== slot) list.insertBefore(card.node, slot);
    card.node.dataset.phase = drop.phase;
    card.node.dataset.urgency = urgencyOf(drop);
    setText(card.label, labelFor(drop));
    setText(card.time, formatClock(drop.seconds));
    setText(card.product, drop.sale.product);
    setText(card.price, drop.sale.price);
    setText(
      card.stock,
      drop.sale.stock === null ? "" : t.stock(drop.sale.stock),
    );
    card.stock.hidden = drop.sale.stock === null;
  }
  for (const [id, card] of cards) {
    if (!ids.has(id)) {
      card.node.remove();
      cards.delete(id);
    }
  }
}

keepConnected("/overlay/events", {
  onMessage(message) {
    if (message.type === "clock") {
      timers.update(message.clock.flash_sales, performance.now());
      render();
    }
  },
  // Viewers never see the connection; it is marked for tests and for a look in devtools.
  onStatus(status) {
    root.dataset.connection = status;
  },
});
setInterval(render, RENDER_MS);
