// Every string the console shows, in one place. Bahasa Indonesia is the default: most sellers
// who use Pandu run their lives in Indonesian; English is there for the team and for partners.

export type Lang = 'id' | 'en';

export const LANGS: readonly Lang[] = ['id', 'en'];

const id = {
  appName: 'Pandu',
  notInTauriTitle: 'Buka lewat aplikasi Pandu',
  notInTauriBody:
    'Halaman ini adalah tampilan aplikasi desktop Pandu dan hanya berjalan di dalam aplikasinya. Jalankan Pandu, lalu gunakan jendelanya.',
  connectError: 'Tidak bisa tersambung ke inti Pandu: {error}',
  startupError: 'Pandu tidak bisa memulai sesi: {error}',

  source: 'Sumber',
  sourceDemo: 'Demo',
  sourceNone: 'Tidak ada',
  start: 'Mulai',
  stop: 'Berhenti',
  starting: 'Memulai…',
  stopping: 'Menghentikan…',
  dismiss: 'Tutup',
  language: 'Bahasa',

  stateLive: 'Terhubung',
  stateIdle: 'Berhenti',
  stateEnded: 'Selesai',
  stateUnknown: 'Menyambung…',
  streamEndedReason: 'Live selesai: {reason}',

  comments: 'Komentar',
  commentsPerMinute: 'komentar/menit',
  viewers: 'Penonton',
  archived: 'Tersimpan',
  archiveError: 'Gagal menyimpan arsip: {error}',
  joins: 'Bergabung',
  likes: 'Suka',
  gifts: 'Hadiah',

  feedLabel: 'Komentar live',
  feedEmpty: 'Belum ada komentar. Mulai sumber untuk melihat komentar masuk.',
  newRows: '{n} baru',
  jumpToBottom: 'Kembali ke komentar terbaru',
  latest: 'Terbaru',
  moderator: 'Moderator',
  moderatorShort: 'MOD',
  activityGift: 'mengirim {gift} ×{count}',
  activityFollow: 'mulai mengikuti',
  activityShare: 'membagikan live',

  serverLocal: 'Server lokal',
  serverUrl: 'Alamat server',
  controlToken: 'Token kontrol',
  archivePath: 'Lokasi arsip',
  version: 'Versi',
  latencyP99: 'Latensi p99',
  show: 'Tampilkan',
  hide: 'Sembunyikan',
  copy: 'Salin',
  copied: 'Tersalin',
  copyFailed: 'Gagal menyalin',
  loading: 'Memuat…',
  appInfoError: 'Info server tidak tersedia: {error}',
  serverUnavailable: 'Server lokal tidak berjalan: {error}',
};

export type MessageKey = keyof typeof id;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  appName: 'Pandu',
  notInTauriTitle: 'Open this in the Pandu app',
  notInTauriBody:
    'This page is the interface of the Pandu desktop app and only runs inside it. Start Pandu and use its window.',
  connectError: 'Could not connect to the Pandu core: {error}',
  startupError: 'Pandu cannot start a session: {error}',

  source: 'Source',
  sourceDemo: 'Demo',
  sourceNone: 'None',
  start: 'Start',
  stop: 'Stop',
  starting: 'Starting…',
  stopping: 'Stopping…',
  dismiss: 'Dismiss',
  language: 'Language',

  stateLive: 'Live',
  stateIdle: 'Idle',
  stateEnded: 'Ended',
  stateUnknown: 'Connecting…',
  streamEndedReason: 'Live ended: {reason}',

  comments: 'Comments',
  commentsPerMinute: 'comments/min',
  viewers: 'Viewers',
  archived: 'Archived',
  archiveError: 'Archive write failed: {error}',
  joins: 'Joins',
  likes: 'Likes',
  gifts: 'Gifts',

  feedLabel: 'Live comments',
  feedEmpty: 'No comments yet. Start a source to see comments arrive.',
  newRows: '{n} new',
  jumpToBottom: 'Back to the newest comments',
  latest: 'Latest',
  moderator: 'Moderator',
  moderatorShort: 'MOD',
  activityGift: 'sent {gift} ×{count}',
  activityFollow: 'followed',
  activityShare: 'shared the live',

  serverLocal: 'Local server',
  serverUrl: 'Server address',
  controlToken: 'Control token',
  archivePath: 'Archive location',
  version: 'Version',
  latencyP99: 'Latency p99',
  show: 'Show',
  hide: 'Hide',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  loading: 'Loading…',
  appInfoError: 'Server info unavailable: {error}',
  serverUnavailable: 'The local server is not running: {error}',
};

export const MESSAGES: Record<Lang, Messages> = { id, en };

const NUMBER_LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-US' };

export type Params = Record<string, string | number>;

/** Looks `key` up in `lang` and fills `{name}` placeholders; numbers get the language's grouping. */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

export function formatNumber(lang: Lang, value: number): string {
  return value.toLocaleString(NUMBER_LOCALE[lang]);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

const STORAGE_KEY = 'pandu.lang';

/** The saved choice, or Indonesian. Storage can be missing or blocked; that is not an error. */
export function loadLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return isLang(saved) ? saved : 'id';
  } catch {
    return 'id';
  }
}

function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // A blocked storage only costs remembering the choice.
  }
}

class Locale {
  lang = $state<Lang>(loadLang(globalThis.localStorage));

  set(lang: Lang): void {
    this.lang = lang;
    saveLang(lang);
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params);

  n = (value: number): string => formatNumber(this.lang, value);
}

/** The app's one language setting; components read `locale.t(...)` and re-render on a switch. */
export const locale = new Locale();
