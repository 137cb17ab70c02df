// The flash-sale countdown overlay: a transparent 1080×1920 browser source for OBS / TikTok LIVE
// Studio. It listens to /overlay/events (clock messages only, no token), counts each drop down
// on its own clock between messages (ClockStore, as the window does), and sends nothing.

import './common.css';
import './countdown.css';
import { ClockStore } from '../lib/clock.svelte';
import { translate } from '../lib/i18n.svelte';
import { readableOn } from './colour';
import { DropCards, type DropCard } from './drop-cards';
import { dropLabelKey, DropsOnScreen } from './drops-on-screen';
import { byId, choiceParam, colourParam, el, keepConnected, langParam, numberParam } from './page';

/** How often the numbers are redrawn (ms): well under a second, so a tick is never late. */
const RENDER_MS = 100;

const root = document.documentElement;
const lang = langParam();
const t = translate.bind(null, lang);
root.lang = lang;
root.dataset.position = choiceParam('position', ['top', 'center', 'bottom']);
root.dataset.theme = choiceParam('theme', ['dark', 'light']);
root.dataset.bg = choiceParam('bg', ['transparent', 'green']);
root.style.setProperty('--scale', String(numberParam('scale', 1, 0.5, 2)));
const accent = colourParam('accent');
if (accent !== null) {
  root.style.setProperty('--accent', accent);
  root.style.setProperty('--on-accent', readableOn(accent));
}

const clock = new ClockStore();
const onScreen = new DropsOnScreen();
const cards = new DropCards(byId('drops'), makeCard);

function makeCard(): DropCard {
  const node = el('section', 'drop');
  const clockFace = el('div', 'drop-clock');
  const label = el('span', 'drop-label');
  const time = el('span', 'drop-time');
  clockFace.append(label, time);
  const info = el('div', 'drop-info');
  const tags = el('div', 'drop-tags');
  const stock = el('span', 'drop-stock');
  tags.append(el('span', 'drop-tag', t('overlayFlashSale')), stock);
  const product = el('p', 'drop-product');
  const price = el('p', 'drop-price');
  info.append(tags, product, price);
  node.append(clockFace, info);
  return { node, label, time, stock, product, price };
}

function render(): void {
  const now = performance.now();
  clock.now = now;
  cards.render(
    onScreen.read(now),
    (sale) => clock.dropRemaining(sale),
    (sale) => t(dropLabelKey(sale, 'dropPayIn')),
    (n) => t('dropStock', { n }),
  );
}

keepConnected('/overlay/events', {
  onMessage(message) {
    if (message.type !== 'clock') return;
    clock.apply(message);
    onScreen.update(message.clock.flash_sales, clock.now);
    render();
  },
  // Viewers never see the connection; it is marked for tests and for a look in devtools.
  onStatus(status) {
    root.dataset.connection = status;
  },
});
setInterval(render, RENDER_MS);
