// The last resort: a payment notice no family recognised, read by what it says, not by who sent it — a card alert,
// a bank push or a merchant's receipt in any language the lexicon (./lexicons/universal.ts) knows. One search over
// the notice's opening finds every cue word of every language: a negative one (a code, a decline, a hold, a
// statement, money received, a login, a delivery, an offer) leaves the notice "other"; else the strongest kind
// named decides, and a charge or refund needs an amount. The payee is a labelled row, else the name after "at" /
// "bei" / "在" (or before "で" / "에서"), else the sender's tag. When in doubt: null, which is "other". Pure.

import { type FoundMoney, findMoney, parseMoney } from "./amounts";
import { isCardHold, isOneTimeCode, PAYEE, POSSESSIVE, trieSource } from "./card-alert";
import { findCalendarDate, findDateTime } from "./dates";
import { brandOfPlan, cardTailIn, cleanMerchant, newPriceIn, senderBrand, writesDayFirst } from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { UNIVERSAL_LEXICONS, type UniversalLexicon } from "./lexicons/universal";
import { escapeRegExp, wordsSource } from "./patterns";
import { segmentsOf } from "./segment";
import type { EventKind, ExtractedEvent, Extractor, Notice, PaymentChannel } from "./types";

// What a notice reports is said in its subject and opening; its facts stand a little further down.
const CUE_CHARS = 600;
const HEAD_CHARS = 1500;
// How far after its cue an amount or a payee may stand, and how far before it.
const AFTER_CUE = 160;
const BEFORE_CUE = 60;

type Category = "negative" | "refund" | "cancellation" | "signup" | "renewal" | "charge";
// The order a word's category is settled in when languages disagree, and the order kinds win in: a negative
// first of all; a refund of a purchase is a refund; an ended subscription before one that renews.
const CATEGORIES: Category[] = ["negative", "refund", "cancellation", "signup", "renewal", "charge"];
const KIND_OF: Record<Exclude<Category, "negative">, EventKind> = {
  refund: "refund",
  cancellation: "cancellation",
  signup: "signup",
  renewal: "renewal_notice",
  charge: "charge",
};

interface Cue {
  category: Category;
  /** The languages that have the word, in lexicon order. */
  languages: string[];
  /** A stem: other letters may follow it. */
  stem: boolean;
  /** A renewal word that announces a price change: the amount is the new price. */
  priceChange?: true;
}

const lower = (word: string) => word.toLowerCase();
const bare = (word: string) => lower(word).replace(/\*$/, "");

const CUE_OF_WORD = new Map<string, Cue>();
for (const category of CATEGORIES)
  for (const lexicon of UNIVERSAL_LEXICONS)
    for (const word of lexicon[category]) {
      const key = bare(word);
      const known = CUE_OF_WORD.get(key);
      if (!known) CUE_OF_WORD.set(key, { category, languages: [lexicon.language], stem: word.endsWith("*") });
      else if (known.category === category && !known.languages.includes(lexicon.language))
        known.languages.push(lexicon.language);
    }
for (const lexicon of UNIVERSAL_LEXICONS)
  for (const word of lexicon.priceChange ?? [])
    CUE_OF_WORD.set(bare(word), { category: "renewal", languages: [lexicon.language], stem: false, priceChange: true });
const CUES = new RegExp(trieSource([...CUE_OF_WORD.keys()]), "g");

// Latin (Vietnamese's too) words stand whole; Chinese, Japanese, Korean and Thai write no spaces between words.
const LATIN = /[a-z0-9\u00c0-\u024f\u1e00-\u1eff']/;
const LETTER = /[\p{L}\p{N}]/u;

/** True when `word` at `index` of `text` is not part of a longer Latin word (a stem may run on). */
function standsAlone(text: string, index: number, word: string, stem: boolean): boolean {
  if (LATIN.test(word[0] as string) && LETTER.test(text[index - 1] ?? " ")) return false;
  if (stem || !LATIN.test(word[word.length - 1] as string)) return true;
  return !LETTER.test(text[index + word.length] ?? " ");
}

interface Found {
  cue: Cue;
  index: number;
}

/** Every cue in lower-case `text` that stands as a word, in order; the search stops at a negative one. */
function cuesIn(text: string): Found[] {
  const found: Found[] = [];
  CUES.lastIndex = 0;
  for (let match = CUES.exec(text); match; match = CUES.exec(text)) {
    const word = match[0].replace(/\s+/g, " ");
    const cue = CUE_OF_WORD.get(word);
    if (!cue || !standsAlone(text, match.index, match[0], cue.stem)) {
      CUES.lastIndex = match.index + 1;
      continue;
    }
    found.push({ cue, index: match.index });
    if (cue.category === "negative") break;
  }
  return found;
}

// --- the lexicon's other words, merged across languages -------------------------------------------------------

/** The words of every language for one purpose, stems marked ("kredi kart*") as the lexicon marks them. */
const wordsOf = (pick: (lexicon: UniversalLexicon) => string[] | undefined) => [
  ...new Set(UNIVERSAL_LEXICONS.flatMap((lexicon) => (pick(lexicon) ?? []).map(lower))),
];
/** The same, bare: for labels and phrases, matched whole. */
const allOf = (pick: (lexicon: UniversalLexicon) => string[] | undefined) => [...new Set(wordsOf(pick).map(bare))];
const normalLabel = (label: string) =>
  label
    .replace(/İ/g, "I")
    .toLowerCase()
    .replace(/[\s:：#*]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
const AMOUNT_LABELS = new Set(allOf((lexicon) => lexicon.amountLabels));
const MERCHANT_LABELS = new Set(allOf((lexicon) => lexicon.merchantLabels));
const REFERENCE_LABELS = new Set(allOf((lexicon) => lexicon.referenceLabels));

/** A search for any of `words` (lexicon words: "*" ends a stem) standing as words in lower-case text. */
function wordSearch(words: string[]): (text: string) => RegExpExecArray | null {
  const stems = new Set(words.filter((word) => word.endsWith("*")).map(bare));
  const pattern = new RegExp(trieSource([...new Set(words.map(bare))]), "g");
  return (text) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (standsAlone(text, match.index, match[0], stems.has(match[0]))) return match;
      pattern.lastIndex = match.index + 1;
    }
    return null;
  };
}
const notAmount = wordSearch(wordsOf((lexicon) => lexicon.notAmount));

// A payee's label inside a sentence: "…HKD78.00，商戶：MYTV SUPER。".
const INLINE_MERCHANT = new RegExp(
  `(?:${[...MERCHANT_LABELS]
    .filter((label) => label.length > 2 || !LATIN.test(label))
    .map(escapeRegExp)
    .join("|")})[ \\t]*[:：][ \\t]*([^\\n，,。；;|]{2,60})`,
  "i",
);

const isLatin = (word: string) => LATIN.test(word);
const isScript = (word: string) => !LATIN.test(word);
// Per language, the words that lead to the payee: "at NETFLIX", "bei LIEFERANDO", "w ALLEGRO" (a Latin preposition
// stands whole and a space follows it), "在美团", "ที่ SPOTIFY" (no space needed). Only the cue's languages' count:
// Portuguese "na" is no preposition in Polish.
const AT_OF_LANGUAGE = new Map(
  UNIVERSAL_LEXICONS.map((lexicon) => {
    const latin = lexicon.at.filter(isLatin);
    const script = lexicon.at.filter(isScript);
    const sources = [
      ...(latin.length ? [`(?<![\\p{L}\\p{N}])(?:${wordsSource(latin)})\\s+`] : []),
      ...(script.length ? [`(?:${wordsSource(script)})\\s*`] : []),
    ];
    return [lexicon.language, sources.length ? new RegExp(sources.join("|"), "giu") : null];
  }),
);
// "Amazonで", "쿠팡에서", "NETFLIX'te": the name glued before its postposition.
const AT_AFTER = new RegExp(
  `([^\\s、。，,：:！!？?（）()【】\\[\\]]{2,30}?)(?:${wordsSource(allOf((lexicon) => lexicon.atAfter))})(?=[\\s\\d]|$)`,
  "gu",
);
// Where a name stops, past what PAYEE (card-alert.ts) already stops at: a date's or time's word, a cue, a figure.
const UNTIL_WORDS = allOf((lexicon) => lexicon.until);
const UNTIL = new RegExp(
  `(?:\\s+(?:${wordsSource(UNTIL_WORDS.filter(isLatin))})(?![\\p{L}])|\\s*(?:${wordsSource([
    ...UNTIL_WORDS.filter(isScript),
    ...allOf((lexicon) => lexicon.charge).filter(isScript),
  ])})|\\s+[\\d¥￥$€£₩]).*$`,
  "isu",
);
const CARD_WORD = wordSearch([...wordsOf((lexicon) => lexicon.credit), ...wordsOf((lexicon) => lexicon.debit)]);
const NAMED = /\p{L}/u;
const NOT_A_NAME = /@|https?:|www\.|^\d/;
// A sender's tag that names a bank, a card or a wallet: the notice's issuer, not its payee.
const ISSUER =
  /bank|banco|banque|card|karte|carte|tarjeta|cartão|karta|kort|kart|銀行|银行|銀聯|银联|カード|카드|은행|pay/i;

function nameFrom(raw: string | undefined): string | null {
  if (!raw || POSSESSIVE.test(raw)) return null;
  const clause = PAYEE.exec(raw)?.[1] ?? raw;
  const name = cleanMerchant(clause.replace(UNTIL, ""));
  if (!name || !NAMED.test(name) || NOT_A_NAME.test(name)) return null;
  // "no cartão de crédito", "na kwotę": a preposition that led to the card or the amount, not to a payee.
  return CARD_WORD(name.toLowerCase()) ? null : name;
}

// "ditt Viaplay-abonnemang", "je Streamz-abonnement": a compound names the service before the hyphen.
const SUBSCRIPTION_COMPOUND =
  /^(?:[\p{Ll}]+\s+)?(.+?)-(?:abonnement|abonnemang|abonnementet|abonnemanget|abo|prenumeration|lidmaatschap|medlemskap|tilaus)$/iu;

/** The service a compound names ("Viaplay" of "ditt Viaplay-abonnemang"), else the name itself. */
function serviceOf(name: string | null): string | null {
  return (name && SUBSCRIPTION_COMPOUND.exec(name)?.[1]) || name;
}

/** The first name after a preposition of one of `languages` in `window`. */
function nameAfterAt(window: string, languages: string[]): string | null {
  for (const language of languages) {
    const pattern = AT_OF_LANGUAGE.get(language);
    if (!pattern) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
      const name = nameFrom(window.slice(match.index + match[0].length, match.index + match[0].length + 80));
      if (name) return name;
    }
  }
  return null;
}

/**
 * The payee: a labelled row, a label in a sentence, the name after a preposition (just after the amount, else
 * near the cue), the name before a postposition, the sender's tag.
 */
function merchantOf(
  notice: Notice,
  head: string,
  cueAt: number,
  money: FoundMoney | null,
  languages: string[],
): string | null {
  const segmented = segmentsOf(notice);
  for (const pair of segmented.pairs) {
    if (pair.line > 40) break;
    if (!MERCHANT_LABELS.has(normalLabel(pair.label))) continue;
    const name = nameFrom(pair.value);
    if (name) return name;
  }
  const inline = nameFrom(INLINE_MERCHANT.exec(head.replace(/İ/g, "I"))?.[1]);
  if (inline) return inline;
  const window = head.slice(Math.max(0, cueAt - BEFORE_CUE), cueAt + AFTER_CUE);
  const afterAmount = money ? head.slice(money.index + money.raw.length, money.index + money.raw.length + 40) : "";
  const named = serviceOf(nameAfterAt(afterAmount, languages) ?? nameAfterAt(window, languages));
  if (named) return brandOfPlan(named, notice.source === "email" ? senderBrand(notice) : null);
  AT_AFTER.lastIndex = 0;
  for (let match = AT_AFTER.exec(window); match; match = AT_AFTER.exec(window)) {
    const name = nameFrom(match[1]);
    if (name) return name;
  }
  const tag = segmented.senderTag;
  if (tag && !ISSUER.test(tag)) return cleanMerchant(tag);
  // A mail's sender names the merchant whose receipt it is, unless it is a bank's or a wallet's.
  const brand = notice.source === "email" ? senderBrand(notice) : null;
  return brand && !ISSUER.test(brand) ? brand : null;
}

const REFERENCE_VALUE = /^#?\s*([A-Za-z0-9][A-Za-z0-9._\-/]{3,40})/;

// A bank SMS's reference in its sentence: "UPI Ref:605214398812", "Ref No 4321987", "Txn ID: AB12345".
const REFERENCE_IN_TEXT = /\b(?:UPI\s+Ref(?:\s*No)?|Ref\s*No|Txn\s*(?:ID|No))\.?\s*[:#]?\s*([A-Za-z0-9]{6,30})\b/i;

/** The receipt's number, from its labelled row, else as a bank SMS writes it in its sentence: a token with a digit. */
function referenceOf(notice: Notice): string | null {
  for (const pair of segmentsOf(notice).pairs) {
    if (pair.line > 40) break;
    if (!REFERENCE_LABELS.has(normalLabel(pair.label))) continue;
    const token = REFERENCE_VALUE.exec(pair.value.trim())?.[1];
    if (token && /\d/.test(token)) return token;
  }
  const written = REFERENCE_IN_TEXT.exec(notice.text.slice(0, 1000))?.[1];
  return written && /\d/.test(written) ? written : null;
}

// --- amounts ------------------------------------------------------------------------------------------------

// Currency words the amount reader does not know ("49,99 zł", "kr 129", "150.000đ"), per language.
const LOCAL_CURRENCY = new Map<string, Map<string, string>>();
for (const lexicon of UNIVERSAL_LEXICONS)
  for (const [word, currency] of Object.entries(lexicon.currencies ?? {})) {
    const byLanguage = LOCAL_CURRENCY.get(word) ?? new Map<string, string>();
    byLanguage.set(lexicon.language, currency);
    LOCAL_CURRENCY.set(word, byLanguage);
  }
const NUMBER = String.raw`\d{1,3}(?:[ .,\u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const WORDS = wordsSource([...LOCAL_CURRENCY.keys()]);
const LOCAL_AMOUNT = new RegExp(
  `(?<![\\d.,])(${NUMBER})[ \\u00a0]?(${WORDS})(?![\\p{L}])|(?<![\\p{L}])(${WORDS})[ \\u00a0]?(${NUMBER})(?![\\d])`,
  "giu",
);

// "kr" is the Danish, Norwegian and Swedish crown, and a push reads the same in Danish and Norwegian ("Du har betalt
// 149 kr til …"): where the user lives decides between the languages that write the word.
const LANGUAGE_OF_ZONE = new Map([
  ["Europe/Copenhagen", "da"],
  ["Atlantic/Faroe", "da"],
  ["America/Nuuk", "da"],
  ["Europe/Oslo", "no"],
  ["Arctic/Longyearbyen", "no"],
  ["Europe/Stockholm", "sv"],
]);

/**
 * Amounts in a currency word findMoney does not read, the currency chosen by the language of the user's zone when
 * it writes the word, else by the cue's language.
 */
function localMoney(head: string, languages: string[], timeZone?: string): FoundMoney[] {
  if (!/[a-zA-Zđ₫\u0e00-\u0e7f]/.test(head)) return [];
  const found: FoundMoney[] = [];
  const home = timeZone ? LANGUAGE_OF_ZONE.get(timeZone) : undefined;
  LOCAL_AMOUNT.lastIndex = 0;
  for (const match of head.matchAll(LOCAL_AMOUNT)) {
    const number = (match[1] ?? match[4]) as string;
    const byLanguage = LOCAL_CURRENCY.get(((match[2] ?? match[3]) as string).toLowerCase());
    if (!byLanguage) continue;
    const language = home && byLanguage.has(home) ? home : languages.find((candidate) => byLanguage.has(candidate));
    const currency = (language ? byLanguage.get(language) : [...byLanguage.values()][0]) as string;
    const money = parseMoney(number.replace(/ /g, "\u00a0"), { defaultCurrency: currency });
    if (money) found.push({ ...money, index: match.index, raw: match[0], negative: false });
  }
  return found;
}

/** Every amount in the head, in order. */
function moneyIn(head: string, languages: string[], timeZone?: string): FoundMoney[] {
  const found = findMoney(head);
  const local = localMoney(head, languages, timeZone).filter(
    (money) => !found.some((known) => Math.abs(known.index - money.index) < money.raw.length),
  );
  return local.length ? [...found, ...local].sort((a, b) => a.index - b.index) : found;
}

/** True when a balance, limit or tax word stands just before the figure. */
const notTheAmount = (head: string, money: FoundMoney) =>
  notAmount(head.slice(Math.max(0, money.index - 24), money.index).toLowerCase()) !== null;

/** The amount: a labelled row's, else the first figure after the cue, else one just before it; never a balance. */
function amountOf(notice: Notice, head: string, found: FoundMoney[], cueAt: number): FoundMoney | null {
  for (const pair of segmentsOf(notice).pairs) {
    if (pair.line > 40) break;
    if (!AMOUNT_LABELS.has(normalLabel(pair.label))) continue;
    const money = findMoney(pair.value)[0] ?? localMoney(pair.value, [], notice.timeZone)[0];
    if (money) {
      const at = head.indexOf(pair.value);
      return { ...money, index: at < 0 ? money.index : at + money.index };
    }
  }
  const usable = found.filter((money) => money.amount_minor > 0 && !notTheAmount(head, money));
  return (
    usable.find((money) => money.index >= cueAt && money.index - cueAt <= AFTER_CUE) ??
    usable.find((money) => money.index < cueAt && cueAt - money.index <= BEFORE_CUE) ??
    null
  );
}

// --- the rest -------------------------------------------------------------------------------------------------

// A card's last digits behind a mask or a word: "ending in 1234", "****1234", "*1234", "x1234", "尾号1234",
// "末尾1234", "끝자리 1234"; "(1234)" only beside a card word.
const TAIL =
  /(?:ending(?:\s+(?:in|with))?|endet\s+auf|kończąca\s+się\s+na|slutar\s+på|terminada\s+en|termina(?:ndo)?\s+(?:em|en|in|con)|final|尾号|尾號|末尾|下4桁|끝자리|[*•·…]+|(?<![\p{L}\d])[xX]+)\s*[:：]?\s*(\d{4})(?!\d)|(?:card|karte|carte|tarjeta|cartão|carta|karta|kort|kart|kartu|thẻ|บัตร|卡|カード|카드)[^\n\d]{0,20}\((\d{4})\)/iu;

function tailOf(head: string): string | null {
  const match = TAIL.exec(head);
  return match?.[1] ?? match?.[2] ?? cardTailIn(head);
}

const WALLETS: [RegExp, PaymentChannel][] = [
  [/支付宝|支付寶|alipay/i, "alipay"],
  [/微信支付|财付通|財付通|wechat\s*pay/i, "wechat_pay"],
  [/paypal/i, "paypal"],
  [/google\s*play/i, "google_play"],
  [/app\s*store|apple\s*(?:pay|music|one|tv)|itunes/i, "apple"],
];

// Per language, its words for a credit card and for a debit card or account: a Dutch notice's "Mijn account" is
// English's word for an account, not a card the Dutch notice names.
const CARD_WORDS_OF = new Map(
  UNIVERSAL_LEXICONS.map((lexicon) => [
    lexicon.language,
    { credit: wordSearch(lexicon.credit.map(lower)), debit: wordSearch(lexicon.debit.map(lower)) },
  ]),
);

/** The first match of a language's card words (credit or debit) in `text`, over `languages`. */
function firstCardWord(text: string, languages: string[], which: "credit" | "debit"): RegExpExecArray | null {
  let first: RegExpExecArray | null = null;
  for (const language of languages) {
    const match = CARD_WORDS_OF.get(language)?.[which](text) ?? null;
    if (match && (!first || match.index < first.index)) first = match;
  }
  return first;
}

const PAID_WITH_BRAND =
  /\b(?:payment method|paid with|payment type)[\s:]*(?:visa|mastercard|master card|amex|american express|discover|jcb|diners)\b(?![ \t]+debit)/i;

/**
 * The channel the notice names: a wallet or store, else a credit card, else a debit card or account, in the words
 * of the notice's languages.
 */
function channelOf(head: string, languages: string[], notice?: Notice): PaymentChannel | null {
  for (const [pattern, channel] of WALLETS) if (pattern.test(head)) return channel;
  // A merchant's receipt paid with a card brand ("Payment method: Visa") was paid by card, whatever account it names.
  if (notice?.source === "email" && PAID_WITH_BRAND.test(head)) return "credit_card";
  const text = head.toLowerCase();
  const debit = firstCardWord(text, languages, "debit");
  const credit = firstCardWord(text, languages, "credit");
  if (credit && (!debit || credit.index <= debit.index)) return "credit_card";
  return debit ? "bank_card" : null;
}

/** A wallet, store or credit card the notice names; an account word alone is none. */
function cardChannelOf(head: string, languages: string[]): PaymentChannel | null {
  const channel = channelOf(head, languages);
  return channel === "bank_card" ? null : channel;
}

const ZONES: Record<string, string> = { zh: "Asia/Shanghai", ja: "Asia/Tokyo", ko: "Asia/Seoul" };
// A stated date older than this is no transaction's the notice reports (a "member since", a contract's start).
const OLDEST_MS = 90 * 86_400_000;

/** The stated transaction time (after the cue, else anywhere in the head), else the notice's own. */
function occurredAt(notice: Notice, head: string, cueAt: number, language: string): string {
  const own = notice.sentAt ?? notice.receivedAt;
  const context = {
    receivedAt: notice.receivedAt,
    timeZone: notice.timeZone ?? ZONES[language] ?? "UTC",
    dayFirst: language === "en" ? writesDayFirst(notice) : true,
  };
  for (const text of [head.slice(cueAt), head]) {
    const found = findDateTime(text, context);
    if (found && Date.parse(found) >= own - OLDEST_MS) return found;
  }
  return new Date(own).toISOString();
}

/**
 * The cue's languages, those that name their own card words in the head first: "betaling" is Danish,
 * Norwegian and Dutch, "kredittkort" only Norwegian (which decides what "kr" is).
 */
function languagesOf(languages: string[], head: string): string[] {
  if (languages.length < 2) return languages;
  const text = head.replace(/İ/g, "I").toLowerCase();
  const named = languages.filter((language) => {
    const words = CARD_WORDS_OF.get(language);
    return words && (words.credit(text) || words.debit(text));
  });
  return named.length ? [...named, ...languages.filter((language) => !named.includes(language))] : languages;
}

const FUTURE_KINDS = new Set<EventKind>(["signup", "renewal_notice"]);

const FIRST_PAYMENT = new RegExp(trieSource(allOf((lexicon) => lexicon.firstPayment)), "g");

/**
 * The day of the first payment at a new price: the last date of the sentence that names that payment ("… na die
 * datum, op 7 maart 2026", "… efter 1 april, den 9 april 2026"), the date it starts after coming first.
 */
function firstPaymentDate(head: string, notice: Notice): string | null {
  const text = head.toLowerCase();
  FIRST_PAYMENT.lastIndex = 0;
  const match = FIRST_PAYMENT.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length;
  const sentence = text.slice(start, start + 160).split(/[.!?](?:\s|$)/)[0] ?? "";
  const clauses = sentence.split(",");
  for (let index = clauses.length - 1; index >= 0; index -= 1) {
    const date = europeanDateIn(clauses[index] as string, notice.receivedAt, "future");
    if (date) return date;
  }
  return null;
}

/** A payment notice no family recognised, read by its words; null (other) when in doubt. */
export const readUniversal: Extractor = (notice) => {
  const subject = notice.subject ?? "";
  const opening = `${subject}\n${notice.text.slice(0, CUE_CHARS)}`;
  // Lower case must keep every offset: "İ" alone grows, and is read as the "i" it is.
  const cueText = opening.replace(/İ/g, "I").toLowerCase();
  if (cueText.length !== opening.length) return null;
  const found = cuesIn(cueText);
  if (found.length === 0 || found[found.length - 1]?.cue.category === "negative") return null;
  if (isOneTimeCode(cueText) || isCardHold(cueText)) return null;
  const strongest = CATEGORIES.map((category) => found.find((cue) => cue.cue.category === category)).find(Boolean);
  if (!strongest) return null;
  // A receipt whose subject says it was paid ("Bedankt voor je betaling") names its next payment in its text: a
  // charge, the renewal its date.
  const renewal = strongest.cue.category === "renewal" ? strongest : undefined;
  const paid =
    renewal && subject ? found.find((cue) => cue.cue.category === "charge" && cue.index < subject.length) : undefined;
  const chosen = paid && renewal && renewal.index > subject.length ? paid : strongest;
  const kind = KIND_OF[chosen.cue.category as Exclude<Category, "negative">];
  const head = `${subject}\n${notice.text.slice(0, HEAD_CHARS)}`;
  const languages = languagesOf(chosen.cue.languages, head);
  const priceChange = kind === "renewal_notice" && found.some((cue) => cue.cue.priceChange);
  const amounts = moneyIn(head, languages, notice.timeZone);
  const money = (priceChange && newPriceIn(head, amounts)) || amountOf(notice, head, amounts, chosen.index);
  if (!money && kind !== "cancellation") return null;
  const language = languages[0] ?? "en";
  const event: ExtractedEvent = {
    kind,
    amount_minor: money?.amount_minor ?? null,
    currency: money?.currency ?? null,
    merchant: merchantOf(notice, head, chosen.index, money, languages),
    occurred_at: FUTURE_KINDS.has(kind)
      ? new Date(notice.sentAt ?? notice.receivedAt).toISOString()
      : occurredAt(notice, head, chosen.index, language),
    reference: referenceOf(notice),
    card_tail: tailOf(head),
    // A price change names the user's account on the service's site ("under Konto"), not a bank's: only a card counts.
    channel: priceChange && !tailOf(head) ? cardChannelOf(head, languages) : channelOf(head, languages, notice),
    renews_at:
      (priceChange ? firstPaymentDate(head, notice) : null) ??
      (FUTURE_KINDS.has(kind) || chosen !== strongest
        ? findCalendarDate(head.slice(strongest.index), {
            receivedAt: notice.receivedAt,
            timeZone: notice.timeZone ?? ZONES[language] ?? "UTC",
            dayFirst: language === "en" ? writesDayFirst(notice) : true,
          })
        : null),
  };
  return event;
};
