// Notices read from their labels, by a lexicon per language (./lexicons): Japanese card usage mails and merchant
// receipts, Korean card SMS, wallet pushes and merchant mails. Each field is the value of the first pair in the
// segmentation (segment.ts) whose label holds one of the field's words; the language's kind cues say what happened;
// card SMS and pushes, which carry no labels, are read by stripping their frame (card, holder, figures, dates) and
// taking the name that is left. Pure.
import { localDate } from "../time/zones";
import { type FoundMoney, findMoney, parseMoney } from "./amounts";
import { findCalendarDate, findDateTime } from "./dates";
import { cleanMerchant, otherEnglishEvent } from "./generic-en";
import { LEXICONS } from "./lexicons";
import type { FieldLabels, Lexicon } from "./lexicons/types";
import { escapeRegExp } from "./patterns";
import { type Segmented, segmentsOf } from "./segment";
import type { EventKind, ExtractedEvent, Extractor, Notice, PaymentChannel } from "./types";

// How much of a notice is searched for its language, its kind and a card's tail: the facts come first.
const HEAD_CHARS = 3000;
// How long a notice read without a subject may be for its label-less frame to be read (an SMS or a push).
const SHORT_NOTICE_CHARS = 600;

/** Any of `words`, longest first, so that at one place the longest wins ("승인취소" over "승인"). */
function anyOf(words: string[], flags = "g"): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegExp).join("|"), flags);
}

/** A lexicon's word lists compiled once into the searches the reader runs. */
interface Compiled {
  lexicon: Lexicon;
  cues: RegExp;
  /** The cues with those only short notices use. */
  shortCues: RegExp;
  noise: RegExp;
  /** A one-time code's words: the notice is no payment wherever they stand. */
  codes: RegExp;
  kindOfCue: Map<string, EventKind>;
  notAmount: RegExp;
  tailCues: RegExp;
  debit: RegExp;
  wallet: RegExp;
  /** A wallet brand's own credit card ("PayPayカード"): a card, not the wallet. */
  walletCard: RegExp;
  credit: RegExp;
  issuer: RegExp;
  /** The renewal label words as a sentence writes them, spaces allowed between letters ("다음 결제일인 …"). */
  renewsCue: RegExp;
  /** Between an old price and the new one, the whole gap: "에서", " から ". */
  priceBetween: RegExp;
  priceFrom: RegExp;
  upcoming: RegExp;
  /** An ending that makes the cue before it a failed payment; null when the language lists none. */
  failed: RegExp | null;
  /** A card check's words (Lexicon.holds); null when the language lists none. */
  holds: RegExp | null;
}

// The card words among a language's credit words: a wallet's name before one of them is the wallet's card
// ("PayPayカード"), or the card the wallet paid with ("네이버페이 · 신한카드(4103)", "楽天ペイ／楽天カード").
const CARD_NOUN = /カード|카드|card/i;

function walletCardSearch(lexicon: Lexicon): RegExp {
  const cards = lexicon.channels.credit.filter((word) => CARD_NOUN.test(word));
  return new RegExp(
    `(?:${anyOf(lexicon.channels.wallet).source})\\s?(?:[·・/／,+＋]\\s?[^\\s·・/／,+＋]{0,8}?)?(?:${anyOf(cards).source})`,
    "i",
  );
}

function compile(lexicon: Lexicon): Compiled {
  const kindOfCue = new Map<string, EventKind>();
  const add = (kinds: Lexicon["kinds"]) => {
    for (const [kind, words] of Object.entries(kinds) as [EventKind, string[]][])
      for (const word of words) if (!kindOfCue.has(word)) kindOfCue.set(word, kind);
  };
  add(lexicon.kinds);
  const cues = anyOf([...kindOfCue.keys()]);
  add(lexicon.short?.kinds ?? {});
  return {
    lexicon,
    cues,
    shortCues: anyOf([...kindOfCue.keys()]),
    noise: anyOf(lexicon.short?.noise ?? []),
    codes: anyOf(lexicon.codes, ""),
    kindOfCue,
    notAmount: anyOf(lexicon.notAmount),
    tailCues: anyOf(lexicon.tailCues, ""),
    debit: anyOf(lexicon.channels.debit, "i"),
    wallet: anyOf(lexicon.channels.wallet, "i"),
    walletCard: walletCardSearch(lexicon),
    credit: anyOf(lexicon.channels.credit, "i"),
    issuer: anyOf(lexicon.issuers, "i"),
    renewsCue: new RegExp(
      [...lexicon.labels.renews.words]
        .sort((a, b) => b.length - a.length)
        .map((word) => [...word].map(escapeRegExp).join("\\s?"))
        .join("|"),
    ),
    priceBetween: new RegExp(`^\\s*(?:${lexicon.priceChange.between.map(escapeRegExp).join("|")})\\s*$`),
    priceFrom: anyOf(lexicon.priceChange.from, ""),
    upcoming: anyOf(lexicon.upcoming, ""),
    failed: lexicon.failed?.length ? anyOf(lexicon.failed, "") : null,
    holds: lexicon.holds?.length ? anyOf(lexicon.holds, "") : null,
  };
}

const COMPILED = LEXICONS.map(compile);

// A notice in kana or Hangul still writes brands, addresses and links in Latin letters: up to this many per character
// of its own script (Spotify's Japanese receipt has three).
const LATIN_PER_SCRIPT_CHARACTER = 8;

function latinLetters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index) | 0x20;
    if (code >= 0x61 && code <= 0x7a) count += 1;
  }
  return count;
}

// Any lexicon's script: one search turns away the notices (most of them) that are in none of these languages.
const ANY_SCRIPT = new RegExp(COMPILED.map(({ lexicon }) => lexicon.script.source).join("|"));

/** The language whose script the notice's head is written in, or null. */
function lexiconOf(notice: Notice): Compiled | null {
  const head = `${notice.subject ?? ""}\n${notice.text.slice(0, HEAD_CHARS)}`;
  if (!ANY_SCRIPT.test(head)) return null;
  for (const compiled of COMPILED) {
    const { script, scriptMinimum } = compiled.lexicon;
    // Counted to the end: the language must also hold its own beside Latin letters, so that an English receipt
    // for a Japanese title is left to the English reader.
    const count = head.match(script)?.length ?? 0;
    if (count >= scriptMinimum && count * LATIN_PER_SCRIPT_CHARACTER >= latinLetters(head)) return compiled;
  }
  return null;
}

// --- labels ----------------------------------------------------------------------------------------------

// Full-width digits, letters and signs as ASCII, for reading figures, dates and tails ("１，０２６円", "０９：００").
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;
const halfWidth = (text: string) =>
  text.replace(FULL_WIDTH, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

interface Labelled {
  /** The label without spaces, brackets and (notes): "ご利用日時(日本時間)" → "ご利用日時". */
  key: string;
  value: string;
}

const NOTE = /[(（][^()（）]*[)）]/g;
const LABEL_NOISE = /[\s【】[\]「」:：]/g;
const labelKey = (label: string) => label.replace(NOTE, "").replace(LABEL_NOISE, "");

// A bulleted or bracketed label alone on its line, its value on the next ("■利用店舗" over the shop, "＜ご利用先＞" over
// it), as wallet mails lay out their blocks. Short: a label, never a sentence.
const BLOCK_LABEL = /^\s*(?:[■□◆◇●○▼▽▶・]\s*([^\d:：\s][^\d:：]{0,15}?)|[【＜<［]([^】＞>］\d]{1,16})[】＞>］])\s*$/;
const BLOCK_LINE_CHARS = 20;
// The block labels are looked for in the notice's head: its facts.
const BLOCK_LINES = 120;

/** The pairs the segmentation leaves unpaired: a block label over its value line. */
function blockPairs(lines: string[]): Labelled[] {
  const pairs: Labelled[] = [];
  const end = Math.min(lines.length - 1, BLOCK_LINES);
  for (let index = 0; index < end; index += 1) {
    const line = lines[index] as string;
    if (line.length > BLOCK_LINE_CHARS) continue;
    const label = BLOCK_LABEL.exec(line);
    const value = lines[index + 1]?.trim();
    if (!label || !value || BLOCK_LABEL.test(value)) continue;
    pairs.push({ key: labelKey(label[1] ?? label[2] ?? ""), value });
    index += 1;
  }
  return pairs;
}

// A label and its value set apart by spaces on one line, as EUC-JP and plain-text mails lay them out: "ご利用加盟店
// ＤＩＳＮＥＹ ＰＬＵＳ", "ご利用金額 1,140円". The label is one run of kana, kanji or hangul.
const SPACED_PAIR = /^[ \t\u3000]*([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]{2,12})[ \u3000]+([^\s:：].*)$/;

function spacedPairs(lines: string[]): Labelled[] {
  const pairs: Labelled[] = [];
  for (const line of lines.slice(0, BLOCK_LINES)) {
    if (/[:：\t]/.test(line)) continue;
    const match = SPACED_PAIR.exec(line);
    if (match) pairs.push({ key: labelKey(match[1] as string), value: (match[2] as string).trim() });
  }
  return pairs;
}

function holds(key: string, field: FieldLabels, word: string): boolean {
  return key.includes(word) && !field.not?.some((not) => key.includes(not));
}

/** What `read` makes of the first pair, by the field's word order, whose value it can read. */
function firstLabelled<T>(pairs: Labelled[], field: FieldLabels, read: (value: string) => T | null): T | null {
  for (const word of field.words)
    for (const pair of pairs) {
      if (!holds(pair.key, field, word)) continue;
      const value = read(pair.value);
      if (value !== null) return value;
    }
  return null;
}

/** Every value of pairs labelled for the field, in the notice's order. */
function allLabelled(pairs: Labelled[], field: FieldLabels): string[] {
  return pairs.filter((pair) => field.words.some((word) => holds(pair.key, field, word))).map((pair) => pair.value);
}

// --- the reading of one notice ---------------------------------------------------------------------------

interface Reading {
  compiled: Compiled;
  lexicon: Lexicon;
  notice: Notice;
  segmented: Segmented;
  pairs: Labelled[];
  body: string;
  /** A card SMS or push: no subject, no labels needed. */
  short: boolean;
}

/** The line of `text` around `index`. */
function lineAt(text: string, index: number): string {
  const end = text.indexOf("\n", index);
  return text.slice(text.lastIndexOf("\n", index) + 1, end < 0 ? text.length : end);
}

/** The kind the earliest cue says, in the subject first, then in the body; a charge yet to come is a renewal notice. */
function kindOf(reading: Reading): EventKind | null {
  const { kindOfCue, upcoming } = reading.compiled;
  const cues = reading.short ? reading.compiled.shortCues : reading.compiled.cues;
  for (const part of [reading.notice.subject ?? "", reading.body]) {
    cues.lastIndex = 0;
    const cue = cues.exec(part);
    if (!cue) continue;
    const kind = kindOfCue.get(cue[0]) ?? null;
    if ((kind === "charge" || kind === "refund") && failedAfter(reading, part, cue.index + cue[0].length))
      return "other";
    if (kind === "charge" && reading.compiled.holds?.test(reading.body)) return "other";
    return kind === "charge" && upcoming.test(lineAt(part, cue.index)) ? "renewal_notice" : kind;
  }
  return null;
}

// How far past a payment cue its clause's verb ending may stand ("…が完了できませんでした", "…처리되지 않았습니다").
const FAILED_REACH = 20;
const CLAUSE_END = /[。．.!！?？\n]/;

/** True when the clause right after a payment cue ends in a failure ("できませんでした", "되지 않았"). */
function failedAfter(reading: Reading, part: string, end: number): boolean {
  const { failed } = reading.compiled;
  if (!failed) return false;
  const after = part.slice(end, end + FAILED_REACH);
  const stop = after.search(CLAUSE_END);
  return failed.test(stop < 0 ? after : after.slice(0, stop));
}

function moneyIn(value: string, reading: Reading): FoundMoney | null {
  const text = halfWidth(value);
  const found = findMoney(text, { defaultCurrency: reading.lexicon.currency })[0];
  if (found) return found;
  // A labelled figure needs no marker: "金額: 1,200".
  const bare = /^[-−]?\s*\d[\d,]*(?:\.\d+)?/.exec(text.trim())?.[0];
  const money = bare ? parseMoney(bare, { defaultCurrency: reading.lexicon.currency }) : null;
  return money ? { ...money, index: 0, raw: bare as string, negative: /^[-−]/.test(bare as string) } : null;
}

/** True when a running total or balance word stands just before the figure at `index` of `line`. */
function afterNotAmount(line: string, index: number, reading: Reading): boolean {
  const before = line.slice(Math.max(0, index - 8), index);
  reading.compiled.notAmount.lastIndex = 0;
  return reading.compiled.notAmount.test(before);
}

/** The new price of a price change written in a sentence: the second of "{old}에서 {new}으로", "{old}から{new}に". */
function newPrice(reading: Reading): FoundMoney | null {
  for (const line of reading.segmented.lines.slice(0, SENTENCE_LINES)) {
    if (!/\d/.test(line)) continue;
    const text = halfWidth(line);
    const found = findMoney(text, { defaultCurrency: reading.lexicon.currency });
    for (let index = 0; index + 1 < found.length; index += 1) {
      const [old, next] = [found[index] as FoundMoney, found[index + 1] as FoundMoney];
      if (reading.compiled.priceBetween.test(text.slice(old.index + old.raw.length, next.index))) return next;
    }
  }
  return null;
}

/** The amount: a labelled one; else a label and its figure on one line ("合計（税込） ¥1,480"); else the first figure. */
function amountOf(reading: Reading, kind: EventKind): FoundMoney | null {
  const { lexicon } = reading;
  const labelled = firstLabelled(reading.pairs, lexicon.labels.amount, (value) => moneyIn(value, reading));
  if (labelled) return labelled;
  const changed = kind === "renewal_notice" ? newPrice(reading) : null;
  if (changed) return changed;
  let best: { rank: number; money: FoundMoney } | null = null;
  let first: FoundMoney | null = null;
  for (const line of reading.segmented.lines.slice(0, 80)) {
    if (!/\d/.test(line)) continue;
    const text = halfWidth(line);
    for (const money of findMoney(text, { defaultCurrency: lexicon.currency })) {
      if (afterNotAmount(text, money.index, reading)) continue;
      first ??= money;
      const key = labelKey(text.slice(0, money.index));
      if (key.length === 0 || key.length > 16) continue;
      const rank = lexicon.labels.amount.words.findIndex((word) => holds(key, lexicon.labels.amount, word));
      if (rank >= 0 && (!best || rank < best.rank)) best = { rank, money };
    }
  }
  return best?.money ?? first;
}

const WRITTEN_TIME = /\d{1,2}\s*(?::\s*\d{2}|[時时시])/;
const WEEKDAY = /\s*\((?:[月火水木金土日]|[월화수목금토일])(?:曜日?|요일)?\)/g;
const MONTH_DAY = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?![\d/])/;

/** The instant a date (and time) in `value` names, in the language's zone. */
function instantIn(value: string, reading: Reading): string | null {
  const { notice, lexicon } = reading;
  // "2026年5月19日(火) 20:14": the day of the week stands between the date and its time.
  // A year-less "05/19" is month first in these languages, as 5月19日 writes it.
  const text = halfWidth(value).replace(WEEKDAY, "").replace(MONTH_DAY, "$1月$2日");
  const anchor = notice.sentAt ?? notice.receivedAt;
  const found = findDateTime(text, { receivedAt: anchor, timeZone: lexicon.zone });
  if (!found || WRITTEN_TIME.test(text)) return found;
  // A date alone: the notice's own time when it is that day, else noon there, never after the notice.
  const midnight = Date.parse(found);
  if (localDate(midnight, lexicon.zone) === localDate(anchor, lexicon.zone)) return new Date(anchor).toISOString();
  return new Date(Math.min(midnight + 12 * 3_600_000, anchor)).toISOString();
}

function occurredAt(reading: Reading, kind: EventKind): string {
  const { notice } = reading;
  const own = new Date(notice.sentAt ?? notice.receivedAt).toISOString();
  // A reminder happens when it is sent; the date it names is the renewal's.
  if (kind === "renewal_notice") return own;
  const labelled = firstLabelled(reading.pairs, reading.lexicon.labels.date, (value) => instantIn(value, reading));
  if (labelled) return labelled;
  return (reading.short ? instantIn(reading.body, reading) : null) ?? own;
}

// Lines searched for a renewal date written in a sentence: the facts of a notice are near its top.
const SENTENCE_LINES = 80;

/** The renewal date: a labelled one, else the date after a renewal word in a sentence ("다음 결제일인 2026년 4월 1일부터"). */
function renewsAt(reading: Reading, kind: EventKind): string | null {
  const { notice, lexicon, compiled } = reading;
  const context = { receivedAt: notice.sentAt ?? notice.receivedAt, timeZone: lexicon.zone };
  const labelled = firstLabelled(reading.pairs, lexicon.labels.renews, (value) =>
    findCalendarDate(halfWidth(value), context),
  );
  if (labelled) return labelled;
  for (const line of reading.segmented.lines.slice(0, SENTENCE_LINES)) {
    const cue = compiled.renewsCue.exec(line);
    if (!cue || lexicon.labels.renews.not?.some((not) => line.includes(not))) continue;
    const date = findCalendarDate(halfWidth(line.slice(cue.index)), context);
    if (date) return date;
  }
  // A price change names the date its new price applies from ("2026년 4월 1일 결제분부터", "4月1日以降の更新から"), a
  // reminder the date the payment is due ("2026.04.01에 결제될 예정"), a trial the day it ends ("無料お試し期間は、
  // 2026年4月1日に終了いたします").
  if (kind !== "renewal_notice") return null;
  const trials = lexicon.trials ?? [];
  for (const line of reading.segmented.lines.slice(0, SENTENCE_LINES)) {
    const dated =
      compiled.priceFrom.test(line) || compiled.upcoming.test(line) || trials.some((trial) => line.includes(trial));
    const date = dated ? findCalendarDate(halfWidth(line), context) : null;
    if (date) return date;
  }
  return null;
}

const REFERENCE_TOKEN = /[A-Za-z0-9][A-Za-z0-9._-]{3,40}/;

function referenceOf(reading: Reading): string | null {
  return firstLabelled(reading.pairs, reading.lexicon.labels.reference, (value) => {
    const token = REFERENCE_TOKEN.exec(value)?.[0];
    return token && /\d/.test(token) ? token : null;
  });
}

// --- card and channel ------------------------------------------------------------------------------------

const MASKED_TAIL = /[*＊•●·xX]{2,}[\s-]*(\d{4})(?!\d)/;
const TAIL_IN_PARENTHESES = /\(\s*(\d{3,4})\s*\)/;
// A payment method naming the card and then its last digits: "신용카드 (KB국민카드 5521)", "VISA 4821".
const TAIL_AFTER_NAME = /[^\d\s,.]\s+(\d{4})\s*\)?\s*$/;
const TAIL_ALONE = /^\s*(\d{3,4})\s*$/;
// After the cue, its digit count may come first, a bracket may close it and a particle join it: "末尾４桁：1937",
// "【カード番号下4桁】4106", "下4桁が8012のカード", "끝자리가 5521".
const AFTER_CUE = /^(?:[34]桁)?[\s:：】\]]*(?:[がはの가는]\s*)?(\d{3,4})(?!\d)/;

/** The last digits of a card in `text`: after 末尾 / 下4桁, after a mask (****6615), in (7788), or alone. */
function tailIn(text: string, reading: Reading, loose: boolean): string | null {
  const plain = halfWidth(text);
  const cue = reading.compiled.tailCues.exec(plain);
  const afterCue = cue ? AFTER_CUE.exec(plain.slice(cue.index + cue[0].length))?.[1] : undefined;
  if (afterCue) return afterCue;
  const masked = MASKED_TAIL.exec(plain)?.[1];
  if (masked || !loose) return masked ?? null;
  return (
    TAIL_IN_PARENTHESES.exec(plain)?.[1] ?? TAIL_ALONE.exec(plain)?.[1] ?? TAIL_AFTER_NAME.exec(plain)?.[1] ?? null
  );
}

// A card's own number in an SMS head: "(4417)", "(5*1*)", "3*8*", or digits glued to the issuer ("삼성1275").
// Exactly four glued digits: a descriptor's phone number ("STEAMGAMES.COM 4259522985") is no card's.
const CARD_NUMBER = /\(\s*[\d*]{3,4}\s*\)|\d\*|(?<!\d)\d{4}\s*$/;
const HEAD_TAIL = /(?<![\d*])(\d{3,4})(?![\d*])/;

function isCardHead(text: string, reading: Reading): boolean {
  const { issuer, debit, credit } = reading.compiled;
  return CARD_NUMBER.test(text) || issuer.test(text) || debit.test(text) || credit.test(text);
}

function channelIn(text: string, reading: Reading): PaymentChannel | null | undefined {
  const { debit, wallet, walletCard, credit } = reading.compiled;
  if (debit.test(text)) return "bank_card";
  if (walletCard.test(text)) return "credit_card";
  if (wallet.test(text)) return null;
  if (credit.test(text)) return "credit_card";
  return undefined;
}

/** The channel the payment method names, else the card in an SMS head, else what the notice says anywhere. */
function channelOf(reading: Reading, methods: string[], head: string | null): PaymentChannel | null {
  const { notice } = reading;
  const whole = `${notice.senderName ?? ""}\n${notice.subject ?? ""}\n${reading.body}`;
  for (const text of [methods.join("\n"), head ?? "", whole]) {
    const channel = text ? channelIn(text, reading) : undefined;
    if (channel !== undefined) return channel;
  }
  return null;
}

// --- who was paid ----------------------------------------------------------------------------------------

// A name in full-width letters is spaced with full-width spaces, which reading folded into ASCII ones.
const FOLDED_WIDE_SPACE = /(?<=[\uff01-\uff5e]) (?=[\uff01-\uff5e])/g;

function cleanName(raw: string | null | undefined): string | null {
  return cleanMerchant(raw)?.replace(FOLDED_WIDE_SPACE, "\u3000") ?? null;
}

const TRAILING_NOTE = /\s*[(（][^()（）]*[)）]\s*$/;
const SUBJECT_TAG = /^\s*[【[]([^】\]\n]{1,30})[】\]]/;

/** The sender as a brand (its display name, else its subject tag), or null when it is a card issuer or bank. */
function senderBrand(reading: Reading): string | null {
  const { notice, lexicon, compiled } = reading;
  let name = notice.senderName?.trim();
  if (name?.includes("@")) name = undefined;
  name ??= SUBJECT_TAG.exec(notice.subject ?? "")?.[1]?.trim();
  if (!name) return null;
  for (const noise of lexicon.senderNoise) if (name.endsWith(noise)) name = name.slice(0, -noise.length).trim();
  compiled.issuer.lastIndex = 0;
  return name && !compiled.issuer.test(name) ? cleanName(name) : null;
}

// Labels of the plan or product a notice is about (プラン：Amazonプライム（月間プラン）, 요금제: …, 상품명: …).
const PLAN_LABEL = /プラン|商品|品名|요금제|상품|이용권|멤버십/;
// A name that still says it is a plan ("DAZN Standard 年間プラン（一括払い）") is the brand's plan, not a service.
const PLAN_WORD = /プラン|コース|月額|年間|요금제|이용권|정기|구독|\bplan\b/i;

/**
 * The plan row's service when it is named for the brand sending the notice: "Amazonプライム（月間プラン）" from
 * Amazon.co.jp is Amazonプライム. A plan row that names only a tier (プレミアム, スタンダード) is no service.
 */
function planForBrand(reading: Reading, brand: string): string | null {
  const stem = brand.split(/[.\s]/)[0] ?? "";
  if (stem.length < 3) return null;
  for (const { key, value } of reading.pairs) {
    // The tier in brackets after the name is what tells a named service from a plan written out in words
    // ("DAZN Standard 年間プラン", "밀리의 서재 월 정기구독" are the brand's plans, not other services).
    if (!PLAN_LABEL.test(key) || !value.startsWith(stem) || !TRAILING_NOTE.test(value)) continue;
    const name = cleanName(value.replace(TRAILING_NOTE, ""));
    if (name && name.length > stem.length && name !== brand && !/\d/.test(name) && !PLAN_WORD.test(name)) return name;
  }
  return null;
}

/** An item line named for the brand, before its price: "YouTube Premium (개인, 월간) 14,900원" → "YouTube Premium". */
function itemForBrand(reading: Reading, brand: string): string | null {
  for (const line of reading.segmented.lines.slice(0, 80)) {
    if (!line.startsWith(brand) || line.length <= brand.length || !/\d/.test(line)) continue;
    const money = findMoney(line, { defaultCurrency: reading.lexicon.currency })[0];
    if (!money || money.index <= brand.length) continue;
    const name = cleanName(line.slice(0, money.index).replace(TRAILING_NOTE, ""));
    if (name && name !== brand) return name;
  }
  return null;
}

const NUMERIC_DATE =
  /\d{4}[./-]\s?\d{1,2}[./-]\s?\d{1,2}\.?|\d{1,2}\/\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|(?:\d{2,4}\s*[年년]\s*)?\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]/g;
const LINK = /https?:\/\/\S+/g;
const OPENING_TAG = /^\s*(?:\[[^\]\n]*\]|【[^】\n]*】)/;
// A closing 】 ends a title or tag that may open any line ("【返金のお知らせ】…"), so it parts pieces too.
const PIECE_SEPARATORS = /[\n·•|,，】]/;
const PIECE_EDGES = /^[\s.:：[\]<>【】]+|[\s.:：[\]<>【】]+$/g;
const HAS_LETTER = /\p{L}/u;

/** A piece without a stray half of a bracket pair: "(주)우아한형제들" keeps its brackets, "(원화환산" loses one. */
function balanced(piece: string): string {
  let name = piece.replace(PIECE_EDGES, "");
  if (/^[(（]/.test(name) && !/[)）]/.test(name)) name = name.slice(1);
  if (/[)）]$/.test(name) && !/[(（]/.test(name)) name = name.slice(0, -1);
  // A figure cut out of "…でのお支払い（1,500円）" leaves its opening bracket behind.
  if (/[(（]$/.test(name)) name = name.slice(0, -1);
  return name.trim();
}

// The app a wallet is named after counts too: "토스" opens Toss Pay's pushes.
const isWallet = (name: string, reading: Reading) =>
  reading.lexicon.channels.wallet.some(
    (wallet) => name === wallet || name.startsWith(`${wallet} `) || (name.length >= 2 && wallet.startsWith(name)),
  );

// A push opening with its wallet's name: "PayPay: Spotifyで980円…", or the app's name on a line of its own ("토스\n10,900원
// 결제\n유튜브 프리미엄").
const WALLET_OPENING = /^\s*([^\n:：]{2,16}?)[ \t]*(?:[:：]\s*|\n)/;

/**
 * A label-less SMS or push, its frame cut away: figures (with their running-total words), dates and times, the
 * holder's name, instalments, cue words. Of the pieces left, one naming a card is the head (신한카드(4417)), one
 * before an "at" word is the merchant (웨이브에서), else the first other one is.
 */
function shortReading(reading: Reading): { head: string | null; merchant: string | null } {
  const frame = reading.lexicon.short;
  if (!frame) return { head: null, merchant: null };
  const { compiled } = reading;
  const tagless = reading.segmented.senderTag ? reading.body.replace(OPENING_TAG, "") : reading.body;
  // A push that opens with its wallet's name ("PayPay: Spotifyで980円…", "토스\n…") names the wallet, not the payee.
  const opening = WALLET_OPENING.exec(tagless);
  const text = opening && isWallet(opening[1] as string, reading) ? tagless.slice(opening[0].length) : tagless;
  let rest = "";
  let from = 0;
  for (const money of findMoney(text, { defaultCurrency: reading.lexicon.currency })) {
    rest += `${text.slice(from, money.index)}\n`;
    from = money.index + money.raw.length;
  }
  rest = `${rest}${text.slice(from)}`
    .replace(frame.drop, "\n")
    .replace(LINK, "\n")
    .replace(NUMERIC_DATE, "\n")
    .replace(frame.holder, "\n")
    .replace(frame.instalment, "\n")
    .replace(compiled.shortCues, "\n")
    .replace(compiled.notAmount, "\n")
    .replace(compiled.noise, "\n");
  let head: string | null = null;
  let atName: string | null = null;
  let first: string | null = null;
  for (const piece of rest.split(PIECE_SEPARATORS)) {
    const name = balanced(piece);
    if (!HAS_LETTER.test(name) || isWallet(name, reading)) continue;
    if (isCardHead(name, reading)) {
      head ??= name;
      continue;
    }
    for (const at of frame.at)
      if (name.endsWith(at) && name.length > at.length) atName ??= name.slice(0, -at.length).trim();
    first ??= name;
  }
  return { head, merchant: cleanName(atName ?? first) };
}

// The name that ends just before a trial word: the run of letters after the last kana particle, bracket or stop
// ("お客様のサンプル動画の無料体験" → "サンプル動画", "【重要】Kindle Unlimited無料体験" → "Kindle Unlimited").
const NAME_BEFORE =
  /[^\p{Script=Hiragana}\s、。「」『』【】（）()：:！!？?]+(?:[ \u3000][^\p{Script=Hiragana}\s、。「」『』【】（）()：:！!？?]+)*$/u;
const NAME_CHARS = 40;

/** The service a trial is for, named before the trial's word in the subject, else in the head of the body. */
function trialService(reading: Reading): string | null {
  const trials = reading.lexicon.trials;
  if (!trials) return null;
  for (const part of [reading.notice.subject ?? "", reading.body.slice(0, 1000)]) {
    for (const trial of trials) {
      for (let at = part.indexOf(trial); at >= 0; at = part.indexOf(trial, at + trial.length)) {
        // "【某紙】無料お試し期間": neither the "free" before the trial nor the subject's closing bracket is part of the
        // name before it; "お客様の" names the user.
        const before = part
          .slice(Math.max(0, at - NAME_CHARS), at)
          .replace(/(?:の|無料|無償)+$/, "")
          .replace(/[】」』]$/, "");
        const name = cleanName(NAME_BEFORE.exec(before)?.[0]);
        if (name && !/様$/.test(name)) return name;
      }
    }
  }
  return null;
}

function merchantOf(reading: Reading, kind: EventKind, shortName: string | null): string | null {
  const { pairs, lexicon } = reading;
  const labelled = firstLabelled(pairs, lexicon.labels.merchant, cleanName);
  if (labelled) return labelled;
  const service = firstLabelled(pairs, lexicon.labels.service, (value) => cleanName(value.replace(TRAILING_NOTE, "")));
  if (service) return service;
  const trial = kind === "renewal_notice" || kind === "signup" ? trialService(reading) : null;
  if (trial) return trial;
  if (reading.short) return shortName;
  const brand = senderBrand(reading);
  const subscribed = subscribedInSubject(reading.notice.subject, brand);
  if (subscribed) return subscribed;
  if (!brand) return null;
  return planForBrand(reading, brand) ?? (kind === "charge" ? itemForBrand(reading, brand) : null) ?? brand;
}

// A subject that names the subscription before what happened to it: "이모티콘 플러스 구독 해지 안내", "某誌 定期購読の
// お申し込み完了". A company's mail about one of its services is about the service (카카오 sends 이모티콘 플러스's).
const SUBJECT_SUBSCRIPTION =
  /^\s*(?:[[【][^\]】\n]{1,20}[\]】]\s*)?([^\s[【][^\n]{1,20}?)\s*(?:の\s*)?(?:구독|멤버십|정기\s?구독|定期購読|サブスクリプション|サブスク)/;

const GENERIC_SUBSCRIPTION = /^(?:정기|월간|연간|유료|定期|月額|年額|有料)$/;

function subscribedInSubject(subject: string | undefined, brand: string | null): string | null {
  const name = cleanName(SUBJECT_SUBSCRIPTION.exec(subject ?? "")?.[1]);
  // "[윌라] 정기구독 해지": the word before is the subscription's kind, and the tag the brand.
  if (!name || GENERIC_SUBSCRIPTION.test(name) || (brand && (name.includes(brand) || brand.includes(name))))
    return null;
  return name;
}

// --- the reader ------------------------------------------------------------------------------------------

/** The notice's event: "other" with nothing but its time, and what the reader read laid over it. */
function event(notice: Notice, fields: Partial<ExtractedEvent> = {}): ExtractedEvent {
  return { ...otherEnglishEvent(notice), ...fields };
}

/** A notice in a language with a lexicon: its event ("other" when no cue says it is a payment); null otherwise. */
export const readLabelled: Extractor = (notice) => {
  const compiled = lexiconOf(notice);
  if (!compiled) return null;
  const segmented = segmentsOf(notice);
  const reading: Reading = {
    compiled,
    lexicon: compiled.lexicon,
    notice,
    segmented,
    pairs: [
      ...segmented.pairs.map((pair) => ({ key: labelKey(pair.label), value: pair.value })),
      ...blockPairs(segmented.lines),
      ...spacedPairs(segmented.lines),
    ],
    body: notice.text.slice(0, HEAD_CHARS),
    short: notice.source !== "email" && notice.text.length <= SHORT_NOTICE_CHARS,
  };
  if (compiled.codes.test(reading.notice.subject ?? "") || compiled.codes.test(reading.body)) return event(notice);
  const kind = kindOf(reading);
  if (!kind || kind === "other") return event(notice);
  const found = kind === "cancellation" ? null : amountOf(reading, kind);
  // A charge of nothing is a card check (해외승인 USD 0.00), and a charge without a figure is no charge.
  if ((kind === "charge" || kind === "refund") && !found?.amount_minor) return event(notice);
  const { head, merchant } = reading.short ? shortReading(reading) : { head: null, merchant: null };
  const methods = allLabelled(reading.pairs, reading.lexicon.labels.method);
  const tail =
    methods.map((method) => tailIn(method, reading, true)).find(Boolean) ??
    (head ? HEAD_TAIL.exec(head)?.[1] : undefined) ??
    (reading.short ? TAIL_IN_PARENTHESES.exec(reading.body)?.[1] : undefined) ??
    tailIn(reading.body, reading, false);
  const payee = merchantOf(reading, kind, merchant);
  return event(notice, {
    kind,
    amount_minor: found?.amount_minor ?? null,
    currency: found?.currency ?? null,
    merchant: payee,
    occurred_at: occurredAt(reading, kind),
    reference: referenceOf(reading),
    card_tail: tail ?? null,
    channel: channelOf(reading, methods, head),
    renews_at: kind === "charge" || kind === "renewal_notice" || kind === "signup" ? renewsAt(reading, kind) : null,
  });
};
