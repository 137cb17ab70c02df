// The flash-sale countdown overlay: a transparent 1080×1920 browser source for OBS / TikTok LIVE
// Studio. It listens to /overlay/events (clock messages only, no token), counts each drop down
// on its own clock between messages, and sends nothing.

import {
  choiceParam,
  colourParam,
  el,
  keepConnected,
  numberParam,
} from "./common.js";
import { DropCards } from "./drop-cards.js";
import { DropTimers } from "./drop-timers.js";
import { LANGUAGES, STRINGS } from "./strings.js";

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

const timers = new DropTimers();
const cards = new DropCards(document.getElementById("drops"), makeCard);

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

function render() {
  cards.render(timers.read(performance.now()), labelFor, t.stock);
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
