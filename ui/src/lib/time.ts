// Durations as the co-host reads and types them: "4:12", "+1:05". Countdowns show whole seconds
// rounded up, so "0:00" appears only when the time is really up.

/** `ms` as M:SS (minutes unbounded: a 75-minute slot is "75:00"); the sign is dropped. */
export function formatClock(ms: number): string {
  const seconds = ms >= 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
  return formatSeconds(seconds);
}

/** Whole seconds as M:SS. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.trunc(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * "4:12" (M:SS) or "5" (whole minutes) as seconds, as the core reads a run sheet's durations;
 * `null` for anything else, including zero.
 */
export function parseClock(text: string): number | null {
  const match = text.trim().match(/^(\d{1,3})(?::([0-5]\d))?$/);
  if (!match) return null;
  const seconds = Number(match[1]) * 60 + Number(match[2] ?? 0);
  return seconds > 0 ? seconds : null;
}
