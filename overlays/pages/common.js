// What both pages need: their URL's options, a WebSocket that comes back after the server
// restarts, clock formatting and a safe way to make elements.

/** The page's URL parameters. */
export const params = new URLSearchParams(location.search);

/** A number URL parameter, clamped to [min, max]; `fallback` when absent or not a number. */
export function numberParam(name, fallback, min, max) {
  const value = Number.parseFloat(params.get(name) ?? "");
  return Number.isFinite(value)
    ? Math.min(max, Math.max(min, value))
    : fallback;
}

/** A URL parameter that must be one of `allowed`; the first of them otherwise. */
export function choiceParam(name, allowed) {
  const value = (params.get(name) ?? "").toLowerCase();
  return allowed.includes(value) ? value : allowed[0];
}

/** A `#rgb` / `#rrggbb` colour from a URL parameter (with or without `#`), or null. */
export function colourParam(name) {
  const value = (params.get(name) ?? "").replace(/^#/, "");
  return /^(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? `#${value}` : null;
}

/** Whole seconds as a clock: 252 → "4:12", 3725 → "1:02:05". Negative counts as its size. */
export function formatClock(totalSeconds) {
  const all = Math.abs(totalSeconds);
  const hours = Math.floor(all / 3600);
  const minutes = Math.floor((all % 3600) / 60);
  const seconds = String(all % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * A new element with a class and text. Text goes in as a text node, never as markup: product
 * names, comments and nicknames come from strangers.
 */
export function el(tag, className = "", text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

/** Sets an element's text only when it changed, so a 10 Hz render does not churn the DOM. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** First wait before reconnecting (ms), doubled after each failure up to the most. */
const RETRY_FIRST_MS = 500;
const RETRY_MOST_MS = 10_000;

/**
 * Keeps a WebSocket to `path` (on this page's own host) open: each JSON message goes to
 * `onMessage`, and `onStatus` hears "connecting", "open" and "lost". After a drop it tries again
 * with a growing, slightly random wait, so a restarted server is picked up by itself and many
 * pages do not knock at once.
 */
export function keepConnected(path, { onMessage, onStatus = () => {} }) {
  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;
  let wait = RETRY_FIRST_MS;
  const open = () => {
    const socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      wait = RETRY_FIRST_MS;
      onStatus("open");
    });
    socket.addEventListener("message", (message) => {
      let parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return; // Not ours to judge: skip what does not parse and keep listening.
      }
      onMessage(parsed);
    });
    socket.addEventListener("close", () => {
      onStatus("lost");
      setTimeout(open, wait * (0.8 + Math.random() * 0.4));
      wait = Math.min(RETRY_MOST_MS, wait * 2);
    });
  };
  onStatus("connecting");
  open();
}
