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

/** The longest duration the core takes: 24 hours (src/clock/run_sheet.rs `MAX_SECONDS`). */
const MAX_SECONDS = 24 * 60 * 60;

/** A whole number as Rust's `u32` parse reads one: digits, an optional leading `+`. */
const WHOLE = /^\+?\d+$/;

/**
 * "12:30" (M:SS), "1:05:00" (H:MM:SS) or "15" (whole minutes) as seconds, read exactly as the
 * core reads a run sheet's durations (src/clock/csv.rs `parse_duration`; the golden table
 * `golden/durations.json` holds the two to the same answers); `null` for anything else, zero and
 * more than 24 hours included.
 */
export function parseClock(text: string): number | null {
  const parts = text.split(':').map((part) => part.trim());
  if (!parts.every((part) => WHOLE.test(part))) return null;
  const [first, second, third] = parts.map(Number);
  const twoDigitsUnder60 = (index: number) =>
    parts[index].length === 2 && Number(parts[index]) < 60;
  let seconds: number;
  if (parts.length === 1) seconds = first * 60;
  else if (parts.length === 2 && twoDigitsUnder60(1)) seconds = first * 60 + second;
  else if (parts.length === 3 && twoDigitsUnder60(1) && twoDigitsUnder60(2))
    seconds = first * 3600 + second * 60 + third;
  else return null;
  return seconds > 0 && seconds <= MAX_SECONDS ? seconds : null;
}
