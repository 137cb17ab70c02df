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
  errorSettings: 'Pengaturan tidak bisa dipakai: {message}',
  errorArchive: 'Arsip bermasalah: {message}',
  errorLexicon: 'Leksikon tidak valid: {message}',
  errorSource: 'Sumber tidak bisa dipakai: {message}',
  errorServer: 'Server lokal tidak bisa berjalan: {message}',
  errorNotRunning: 'Pandu belum berjalan: {message}',
  errorIo: 'Berkas tidak bisa dibaca atau ditulis: {message}',

  source: 'Sumber',
  sourceDemo: 'Demo',
  sourceNone: 'Tidak ada',
  sourceTikFinity: 'TikFinity (di komputer ini)',
  sourceTikTok: 'TikTok LIVE',
  sourceTikTokHandle: 'Akun TikTok host',
  sourceTikTokPlaceholder: '@akuntoko',
  sourceOther: 'Lainnya…',
  sourceSpecLabel: 'Sumber lain (gabungkan dengan " + ")',
  sourceSpecPlaceholder: 'tiktok:@toko + tikfinity · ssn:wss://… · replay:/folder/live.jsonl:10',
  start: 'Mulai',
  stop: 'Berhenti',
  starting: 'Memulai…',
  stopping: 'Menghentikan…',
  reconnect: 'Sambung ulang',
  dismiss: 'Tutup',
  language: 'Bahasa',

  stateLive: 'Terhubung',
  stateIdle: 'Berhenti',
  stateEnded: 'Selesai',
  stateUnknown: 'Menyambung…',
  stateConnecting: 'Menyambung…',
  stateOffline: 'Host belum live',
  stateError: 'Gangguan',
  streamEndedReason: 'Live selesai: {reason}',

  // Why a source is in its state (the core's SourceReason kinds), and when it tries again.
  reasonToolConnecting: 'menyambung ke {tool} di {url}',
  reasonToolConnected: 'tersambung ke {tool}',
  reasonToolTimedOut: '{tool} tidak menjawab di {url} dalam {seconds} detik',
  reasonToolUnreachable:
    'tidak bisa tersambung ke {tool} di {url} ({error}); apakah {tool} sudah dibuka?',
  reasonToolClosed: '{tool} menutup sambungan',
  reasonToolFailed: 'sambungan ke {tool} gagal ({error})',
  reasonTiktokLookingUp: 'mencari live @{handle} di TikTok',
  reasonTiktokJoining: 'masuk ke live @{handle} (room {room})',
  reasonTiktokConnected: 'tersambung ke live @{handle}',
  reasonTiktokNotFound: 'akun @{handle} tidak ada di TikTok; periksa lagi nama akunnya',
  reasonTiktokNotLive: '@{handle} belum live',
  reasonTiktokAgeRestricted:
    'live @{handle} khusus 18+; isi sessionid akun dewasa yang sudah login di pengaturan ([tiktok] sessionid) untuk masuk',
  reasonTiktokAgeRestrictedLoggedIn:
    'live @{handle} khusus 18+ dan TikTok menolak sessionid di pengaturan; login lagi lalu salin sessionid yang baru',
  reasonTiktokBlocked: 'TikTok memblokir permintaan atau meminta CAPTCHA ({why})',
  reasonTiktokRateLimited: 'TikTok membatasi jumlah permintaan dari sambungan ini',
  reasonTiktokUnreachable: 'tidak bisa menghubungi TikTok ({error})',
  reasonTiktokUnexpected: 'jawaban TikTok tidak dimengerti ({error})',
  reasonTiktokDropped: 'sambungan ke TikTok terputus',
  reasonTiktokEnded: 'live @{handle} selesai; menunggu live berikutnya',
  nextRetryIn: '{reason}; coba lagi dalam {seconds} detik',
  nextCheckAgainIn: '{reason}; cek lagi dalam {seconds} detik',

  comments: 'Komentar',
  commentsPerMinute: 'komentar/menit',
  viewers: 'Penonton',
  archived: 'Tersimpan',
  archiveError: 'Gagal menyimpan arsip: {error}',
  droppedInput: 'Dibuang: {n} pesan rusak',
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

  tabsLabel: 'Bagian',
  tabConsole: 'Konsol',
  tabLexicon: 'Leksikon',
  tabScript: 'Cek naskah',

  categoryCompetitor: 'Pesaing',
  categoryOffplatform: 'Di luar platform',
  categoryProfanity: 'Kata kasar',
  categoryClaim: 'Klaim terlarang',
  categorySpam: 'Spam',
  categoryImpersonation: 'Akun palsu',
  categoryProvocation: 'Provokasi',
  adviceProvocation: 'tanggapi dengan tenang',
  categoryWithAdvice: '{category} — {advice}',
  suggestPrefix: 'Ganti:',
  noCodeWord: 'tanpa pengganti',
  impersonates: 'Akun palsu meniru @{handle}',
  impersonatesShop: 'Akun palsu meniru akun resmi toko',

  // "Why did this fire?": the tooltip on a flagged word, parts joined by " · ".
  tooltipReadAs: 'dibaca sebagai “{read}”',
  tooltipReadAsEntry: 'dibaca sebagai “{read}” (= {entry})',
  tooltipSuggest: 'ganti: {suggest}',
  evasionLookAlike: 'huruf mirip',
  evasionAccents: 'huruf beraksen',
  evasionLeet: 'angka/simbol sebagai huruf',
  evasionInvisible: 'karakter tak terlihat',
  evasionSpread: 'huruf dipisah',
  evasionRepeats: 'huruf diulang',

  flaggedOnly: 'Hanya yang ditandai',
  flaggedEmpty: 'Belum ada komentar yang ditandai di jendela ini.',
  feedKeysHint: 'Klik komentar atau pakai ↑/↓, lalu tekan M untuk membisukan penulisnya',
  hiddenComment: 'Komentar dari @{handle} disembunyikan',
  mute: 'Bisukan',
  muteTitle: 'Bisukan @{handle} (tombol M)',
  mutedJustNow: 'Dibisukan',
  muteFailed: 'Gagal membisukan @{handle}: {error}',

  bannerDontRead: 'Jangan dibacakan',
  bannerImpersonation: 'Awas akun palsu: @{handle} meniru toko',
  bannerFrom: 'dari @{handle}',

  hiddenCount: 'Disembunyikan: {n}',
  mutedList: 'Dibisukan',
  mutedEmpty: 'Belum ada yang dibisukan.',
  unmute: 'Buka bisuan',
  mutedListError: 'Daftar bisuan tidak tersedia: {error}',
  lexiconProblem: 'Leksikon Anda tidak bisa dipakai, Pandu memakai leksikon bawaan: {problem}',

  lexiconEditorLabel: 'Isi leksikon (TOML)',
  lexiconPath: 'Disimpan di {path}',
  lexiconIsDefault: 'Leksikon bawaan sedang dipakai',
  lexiconIsOwn: 'Leksikon Anda sedang dipakai',
  lexiconLoadError: 'Leksikon tidak bisa dimuat: {error}',
  save: 'Simpan',
  saving: 'Menyimpan…',
  restoreDefault: 'Kembalikan bawaan',
  discardChanges: 'Batalkan perubahan',
  unsaved: 'Belum disimpan',
  lexiconSaved:
    'Tersimpan: {terms} istilah, {patterns} pola, {allow} pengecualian. Berlaku mulai komentar berikutnya.',
  lexiconErrorAt: 'baris {line}, kolom {column}: {message}',
  lexiconSaveFailed: 'Tidak disimpan — {error}. Leksikon lama tetap berlaku.',
  defaultRestored: 'Leksikon bawaan dimasukkan ke draf. Tekan Simpan untuk memakainya.',
  lexiconOpened: '{name} dibuka ke draf. Tekan Simpan untuk memakainya.',
  lexiconCopied:
    'Leksikon (draf) tersalin; tempel ke berkas .toml untuk menyimpannya di tempat lain.',

  importTitle: 'Impor daftar kata',
  importWords: 'Kata, satu per baris',
  importCategory: 'Kategori',
  importCustom: 'Label sendiri…',
  importCustomLabel: 'Label',
  importSuggest: 'Kata pengganti (opsional)',
  importAdd: 'Tambahkan ke draf',
  importAdded: 'Ditambahkan ke draf. Tekan Simpan untuk memakainya.',

  testTitle: 'Uji kalimat',
  testPlaceholder: 'Ketik kalimat, misalnya: cek di shopee aja kak',
  testUsesDraft: 'Memakai draf, termasuk yang belum disimpan.',
  testNoHits: 'Tidak ada yang ditandai.',
  testDraftBroken: 'Draf belum valid — {error}',

  scriptLabel: 'Naskah',
  scriptPlaceholder: 'Tempel naskah live di sini, atau buka berkas .txt',
  openFile: 'Buka berkas',
  check: 'Periksa',
  checking: 'Memeriksa…',
  scriptHits: '{n} temuan',
  scriptClean: 'Naskah aman: tidak ada yang ditandai.',
  scriptUnfixed: '{n} temuan tanpa pengganti, masih ada di naskah yang diperbaiki',
  scriptStale: 'Naskah sudah diubah sejak diperiksa. Periksa lagi.',
  scriptError: 'Naskah tidak bisa diperiksa: {error}',
  fileError: 'Berkas tidak bisa dibaca: {error}',
  fileTooBig: 'Berkas terlalu besar (maks. {n} KB)',
  copyFixed: 'Salin naskah yang sudah diperbaiki',
  copyFixedFallback: 'Tidak bisa menyalin otomatis. Teks sudah dipilih: tekan Ctrl+C.',
  fixedScript: 'Naskah yang sudah diperbaiki',
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
  errorSettings: 'Settings cannot be used: {message}',
  errorArchive: 'Archive problem: {message}',
  errorLexicon: 'Invalid lexicon: {message}',
  errorSource: 'Source cannot be used: {message}',
  errorServer: 'The local server cannot run: {message}',
  errorNotRunning: 'Pandu is not running: {message}',
  errorIo: 'A file cannot be read or written: {message}',

  source: 'Source',
  sourceDemo: 'Demo',
  sourceNone: 'None',
  sourceTikFinity: 'TikFinity (on this computer)',
  sourceTikTok: 'TikTok LIVE',
  sourceTikTokHandle: "Host's TikTok account",
  sourceTikTokPlaceholder: '@shopaccount',
  sourceOther: 'Other…',
  sourceSpecLabel: 'Other source (join several with " + ")',
  sourceSpecPlaceholder: 'tiktok:@shop + tikfinity · ssn:wss://… · replay:/folder/live.jsonl:10',
  start: 'Start',
  stop: 'Stop',
  starting: 'Starting…',
  stopping: 'Stopping…',
  reconnect: 'Reconnect',
  dismiss: 'Dismiss',
  language: 'Language',

  stateLive: 'Live',
  stateIdle: 'Idle',
  stateEnded: 'Ended',
  stateUnknown: 'Connecting…',
  stateConnecting: 'Connecting…',
  stateOffline: 'Host not live',
  stateError: 'Problem',
  streamEndedReason: 'Live ended: {reason}',

  reasonToolConnecting: 'connecting to {tool} at {url}',
  reasonToolConnected: 'connected to {tool}',
  reasonToolTimedOut: '{tool} did not answer at {url} within {seconds} s',
  reasonToolUnreachable: 'cannot connect to {tool} at {url} ({error}); is {tool} running?',
  reasonToolClosed: '{tool} closed the connection',
  reasonToolFailed: 'the connection to {tool} failed ({error})',
  reasonTiktokLookingUp: "looking up @{handle}'s live on TikTok",
  reasonTiktokJoining: "joining @{handle}'s live (room {room})",
  reasonTiktokConnected: "connected to @{handle}'s live",
  reasonTiktokNotFound: '@{handle} was not found on TikTok; check the handle',
  reasonTiktokNotLive: '@{handle} is not live now',
  reasonTiktokAgeRestricted:
    "@{handle}'s live is age-restricted (18+); add the sessionid of a logged-in adult account to the settings ([tiktok] sessionid) to enter",
  reasonTiktokAgeRestrictedLoggedIn:
    "@{handle}'s live is age-restricted (18+) and TikTok did not accept the sessionid in the settings; log in again and copy a fresh one",
  reasonTiktokBlocked: 'TikTok blocked the request or asked for a CAPTCHA ({why})',
  reasonTiktokRateLimited: 'TikTok is rate-limiting requests from this connection',
  reasonTiktokUnreachable: 'cannot reach TikTok ({error})',
  reasonTiktokUnexpected: "TikTok's answer was not understood ({error})",
  reasonTiktokDropped: 'the connection to TikTok dropped',
  reasonTiktokEnded: "@{handle}'s live ended; watching for the next one",
  nextRetryIn: '{reason}; retrying in {seconds} s',
  nextCheckAgainIn: '{reason}; checking again in {seconds} s',

  comments: 'Comments',
  commentsPerMinute: 'comments/min',
  viewers: 'Viewers',
  archived: 'Archived',
  archiveError: 'Archive write failed: {error}',
  droppedInput: 'Dropped: {n} bad messages',
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

  tabsLabel: 'Sections',
  tabConsole: 'Console',
  tabLexicon: 'Lexicon',
  tabScript: 'Script check',

  categoryCompetitor: 'Competitor',
  categoryOffplatform: 'Off-platform',
  categoryProfanity: 'Profanity',
  categoryClaim: 'Forbidden claim',
  categorySpam: 'Spam',
  categoryImpersonation: 'Impersonator',
  categoryProvocation: 'Provocation',
  adviceProvocation: 'respond calmly',
  categoryWithAdvice: '{category} — {advice}',
  suggestPrefix: 'Say:',
  noCodeWord: 'no code word',
  impersonates: 'Impersonator of @{handle}',
  impersonatesShop: 'Impersonates the shop’s official account',

  tooltipReadAs: 'read as “{read}”',
  tooltipReadAsEntry: 'read as “{read}” (= {entry})',
  tooltipSuggest: 'say: {suggest}',
  evasionLookAlike: 'look-alike letters',
  evasionAccents: 'accented letters',
  evasionLeet: 'digits or symbols for letters',
  evasionInvisible: 'invisible characters',
  evasionSpread: 'letters spread out',
  evasionRepeats: 'repeated letters',

  flaggedOnly: 'Flagged only',
  flaggedEmpty: 'No flagged comments in this window yet.',
  feedKeysHint: 'Click a comment or use ↑/↓, then press M to mute its author',
  hiddenComment: 'Hidden comment from @{handle}',
  mute: 'Mute',
  muteTitle: 'Mute @{handle} (M key)',
  mutedJustNow: 'Muted',
  muteFailed: 'Could not mute @{handle}: {error}',

  bannerDontRead: 'Don’t read this aloud',
  bannerImpersonation: 'Beware: @{handle} impersonates the shop',
  bannerFrom: 'from @{handle}',

  hiddenCount: 'Hidden: {n}',
  mutedList: 'Muted',
  mutedEmpty: 'Nobody is muted.',
  unmute: 'Unmute',
  mutedListError: 'Mute list unavailable: {error}',
  lexiconProblem: 'Your lexicon cannot be used; Pandu is using the default one: {problem}',

  lexiconEditorLabel: 'Lexicon (TOML)',
  lexiconPath: 'Saved at {path}',
  lexiconIsDefault: 'The default lexicon is in use',
  lexiconIsOwn: 'Your lexicon is in use',
  lexiconLoadError: 'Could not load the lexicon: {error}',
  save: 'Save',
  saving: 'Saving…',
  restoreDefault: 'Restore default',
  discardChanges: 'Discard changes',
  unsaved: 'Unsaved changes',
  lexiconSaved:
    'Saved: {terms} terms, {patterns} patterns, {allow} exceptions. Applies from the next comment.',
  lexiconErrorAt: 'line {line}, column {column}: {message}',
  lexiconSaveFailed: 'Not saved — {error}. The previous lexicon stays in force.',
  defaultRestored: 'The default lexicon is in the draft. Press Save to use it.',
  lexiconOpened: '{name} is in the draft. Press Save to use it.',
  lexiconCopied: 'The lexicon (draft) is copied; paste it into a .toml file to keep it elsewhere.',

  importTitle: 'Import a word list',
  importWords: 'Words, one per line',
  importCategory: 'Category',
  importCustom: 'Custom label…',
  importCustomLabel: 'Label',
  importSuggest: 'Code word (optional)',
  importAdd: 'Add to draft',
  importAdded: 'Added to the draft. Press Save to use it.',

  testTitle: 'Test a sentence',
  testPlaceholder: 'Type a sentence, e.g. cek di shopee aja kak',
  testUsesDraft: 'Uses the draft, unsaved changes included.',
  testNoHits: 'Nothing flagged.',
  testDraftBroken: 'The draft is not valid — {error}',

  scriptLabel: 'Script',
  scriptPlaceholder: 'Paste the live script here, or open a .txt file',
  openFile: 'Open file',
  check: 'Check',
  checking: 'Checking…',
  scriptHits: '{n} findings',
  scriptClean: 'The script is clean: nothing flagged.',
  scriptUnfixed: '{n} findings have no code word and are still in the fixed script',
  scriptStale: 'The script changed since it was checked. Check again.',
  scriptError: 'Could not check the script: {error}',
  fileError: 'Could not read the file: {error}',
  fileTooBig: 'File too large (max {n} KB)',
  copyFixed: 'Copy the fixed script',
  copyFixedFallback: 'Could not copy automatically. The text is selected: press Ctrl+C.',
  fixedScript: 'Fixed script',
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
