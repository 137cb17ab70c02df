// A short beep for an alert, synthesised with WebAudio: no audio files to ship or load.

let context: AudioContext | null = null;

/**
 * Lets later beeps sound: browsers start audio only from a touch or a key, so a page calls this
 * from its first one. Silent where there is no audio.
 */
export function wakeAudio(): void {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    // No audio output (or none allowed).
  }
}

/** One tone, or two higher ones when `urgent`. Silent where the webview has no audio. */
export function beep(urgent: boolean): void {
  try {
    context ??= new AudioContext();
    void context.resume();
    const start = context.currentTime;
    for (const offset of urgent ? [0, 0.22] : [0]) {
      const at = start + offset;
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.type = 'sine';
      tone.frequency.value = urgent ? 1175 : 880;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      tone.connect(gain).connect(context.destination);
      tone.start(at);
      tone.stop(at + 0.2);
    }
  } catch {
    // No audio output (or none allowed): the toast still shows.
  }
}
