// Short beeps for the host's alerts, made with WebAudio (no sound files to ship). The host can
// turn them off; the choice is remembered on this device.

const STORAGE_KEY = "pandu.host.sound";

/** Each alert's tune: [frequency Hz, duration s] notes, played one after the other. */
const TUNES = {
  flash_sale_warning: [
    [988, 0.12],
    [988, 0.12],
  ],
  slot_heads_up: [[784, 0.25]],
  slot_over_time: [
    [523, 0.18],
    [392, 0.3],
  ],
};

export class Beeper {
  #context = null;
  enabled = localStorage.getItem(STORAGE_KEY) !== "off";

  constructor() {
    // Browsers start audio only after the user touches the page: wake it on the first touch.
    const wake = () => this.#audio()?.resume();
    addEventListener("pointerdown", wake, { once: true });
    addEventListener("keydown", wake, { once: true });
  }

  toggle() {
    this.enabled = !this.enabled;
    localStorage.setItem(STORAGE_KEY, this.enabled ? "on" : "off");
    if (this.enabled) this.play("slot_heads_up");
  }

  /** Plays the tune for an alert kind; kinds without one (drop started, closed) stay silent. */
  play(kind) {
    const tune = TUNES[kind];
    const context = this.enabled && tune ? this.#audio() : null;
    if (!context) return;
    let at = context.currentTime + 0.02;
    for (const [frequency, seconds] of tune) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      // A quick fade in and out: a bare on/off clicks.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.35, at + 0.015);
      gain.gain.linearRampToValueAtTime(0, at + seconds);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds + 0.02);
      at += seconds + 0.06;
    }
  }

  #audio() {
    if (!this.#context && typeof AudioContext === "function")
      this.#context = new AudioContext();
    return this.#context;
  }
}
