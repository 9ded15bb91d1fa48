// Bank and card alerts in Latin-script languages, by the lexicons in ./lexicons/card-alerts.ts: a card
// transaction alert ("You made a $4.99 transaction", rows Merchant / Amount / Account), a card app's purchase
// receipt ("You spent $4.99 at …"), a merchant credit, a debit-card purchase SMS ("achat CB de 4,99 EUR chez …
// le 02/03"), a banking-app push about a new debit (Empfänger: …). The payee is a labelled row or the name after
// the amount's preposition; card checks and holds are "other". Runs after the card-app pushes and before the
// generic readers, and takes only what reads as an alert: a cue, an amount, a payee and a card or account; a
// merchant's own receipt (its order number, its subscription) is left to them. Pure.

import { localDate } from "../time/zones";
import { type FoundMoney, findMoney } from "./amounts";
import { dayInstant, findDateTime, zonedDayInstant } from "./dates";
import {
  calendarDateIn,
  cardTailIn,
  cleanMerchant,
  englishEvent,
  isLatinScript,
  otherEnglishEvent,
  writesDayFirst,
} from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { ALERT_LEXICONS, type AlertLexicon } from "./lexicons/card-alerts";
import { escapeRegExp, wordsSource } from "./patterns";
import { type Pair, segmentsOf } from "./segment";
import type { Extractor, Notice, PaymentChannel } from "./types";

// The facts of an alert come first: its subject and the top of its text. What it reports (the cue) is said
// first of all, in the subject or the opening sentence.
const HEAD_CHARS = 1000;
const CUE_CHARS = 400;

const wordsOf = (pick: (lexicon: AlertLexicon) => string[]) => [...new Set(ALERT_LEXICONS.flatMap(pick))];

/**
 * A search for any of `words` in lower-case text, as a trie ("pa(?:iement(?:\s+par\s+carte)?|go)"): at each
 * position the first letter picks one branch, where a plain alternation of a hundred words would try each of them.
 * At one place the longest word wins ("paiement par carte" over "paiement"); a space matches any run of them.
 */
export function trieSource(words: string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false;
  for (const word of words) {
    const first = word[0];
    if (first === undefined) ends = true;
    else byFirst.set(first, [...(byFirst.get(first) ?? []), word.slice(1)]);
  }
  const branches = [...byFirst].map(
    ([first, rest]) => `${first === " " ? "\\s+" : escapeRegExp(first)}${trieSource(rest)}`,
  );
  if (branches.length === 0) return "";
  if (!ends) return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
  return `(?:${branches.join("|")})?`;
}

const anyOf = (words: string[]) => new RegExp(trieSource(words.map((word) => word.toLowerCase())), "g");

const LETTER = /[\p{L}\p{N}]/u;

/** True when the match stands as whole words in `text`: no letter glued on either side. */
function standsAlone(text: string, match: RegExpExecArray): boolean {
  const before = text[match.index - 1] ?? " ";
  const after = text[match.index + match[0].length] ?? " ";
  return !LETTER.test(before) && !LETTER.test(after);
}

/**
 * The matches of `pattern` (global) in lower-case `text` that stand as whole words, in order. A match glued to a
 * letter is tried again one character on, so a shorter word inside it still counts. The caller must not use
 * `pattern` elsewhere while it iterates.
 */
function* wholeWords(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (standsAlone(text, match)) yield match;
    else pattern.lastIndex = match.index + 1;
  }
}

/** The first match of `pattern` (global) in lower-case `text` that stands as whole words. */
function firstWord(pattern: RegExp, text: string): RegExpExecArray | null {
  for (const match of wholeWords(pattern, text)) return match;
  return null;
}

const HOLD = anyOf(wordsOf((lexicon) => lexicon.hold));
const DECLINED = anyOf(wordsOf((lexicon) => lexicon.declined));
const RECEIPT = anyOf(wordsOf((lexicon) => lexicon.receipt));
const NOT_AMOUNT = anyOf(wordsOf((lexicon) => lexicon.notAmount));
const DEBIT = anyOf(wordsOf((lexicon) => lexicon.channels.debit));
const CREDIT = anyOf(wordsOf((lexicon) => lexicon.channels.credit));
const CARD_WORDS = anyOf(wordsOf((lexicon) => lexicon.cards));
const CODE = anyOf(wordsOf((lexicon) => lexicon.code));

/** True when `text` speaks of a card check or a hold ("Kartenprüfung", "pré-autorisation"): no money was taken. */
export function isCardHold(text: string): boolean {
  return firstWord(HOLD, text.toLowerCase()) !== null;
}

// The digits of a one-time code: four to eight standing alone, no amount's separator glued on.
// A sentence's full stop may follow them ("votre code est 583914. Il …"): a dot before a digit may not.
const CODE_DIGITS = /(?<![\d.,])\d{4,8}(?![\d,]|\.\d)/;

/**
 * True when lower-case `text` names a one-time code beside its digits ("il codice 482913 autorizza…", "482913 is
 * your passcode"): a payment waiting to be confirmed, no money moved. A code word that begins a labelled
 * reference ("codice operazione") is no code.
 */
export function isOneTimeCode(text: string): boolean {
  CODE.lastIndex = 0;
  for (let match = CODE.exec(text); match; match = CODE.exec(text)) {
    CODE.lastIndex = match.index + 1;
    if (!standsAlone(text, match)) continue;
    const end = match.index + match[0].length;
    if (REFERENCE_LABEL_STARTS.some((label) => text.startsWith(label, match.index))) continue;
    if (CODE_DIGITS.test(text.slice(Math.max(0, match.index - 16), end + 16))) return true;
  }
  return false;
}

type CueKind = "charge" | "refund" | "hold";
interface Cue {
  kind: CueKind;
  /** The languages whose lexicon has the word, in lexicon order ("storno" is German and Italian). */
  languages: string[];
}

// Every cue word of every language, with what it says: one search finds them all.
const CUE_OF_WORD = new Map<string, Cue>();
for (const lexicon of ALERT_LEXICONS)
  for (const kind of ["hold", "refund", "charge"] as const)
    for (const word of lexicon[kind]) {
      const known = CUE_OF_WORD.get(word.toLowerCase());
      if (!known) CUE_OF_WORD.set(word.toLowerCase(), { kind, languages: [lexicon.language] });
      else if (!known.languages.includes(lexicon.language)) known.languages.push(lexicon.language);
    }
const CUES = anyOf([...CUE_OF_WORD.keys()]);

/**
 * One pass over the lower-case subject and opening (`text`, the subject ending at `subjectEnd`): the earliest
 * charge or refund cue, the subject's before the text's, and whether a card check or hold is named anywhere.
 */
function cuesIn(text: string, subjectEnd: number): { cue: Cue | null; hold: boolean } {
  let inSubject: Cue | null = null;
  let inText: Cue | null = null;
  let hold = false;
  for (const match of wholeWords(CUES, text)) {
    const cue = CUE_OF_WORD.get(match[0].replace(/\s+/g, " "));
    if (cue?.kind === "hold") hold = true;
    else if (cue && match.index < subjectEnd) inSubject ??= cue;
    else if (cue) inText ??= cue;
  }
  return { cue: inSubject ?? inText, hold };
}

const normalLabel = (label: string) =>
  label
    .toLowerCase()
    .replace(/[\s:：#*]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
const labelSet = (pick: (labels: AlertLexicon["labels"]) => string[]) =>
  new Set(wordsOf((lexicon) => pick(lexicon.labels)).map(normalLabel));
const MERCHANT_LABELS = labelSet((labels) => labels.merchant);
const AMOUNT_LABELS = labelSet((labels) => labels.amount);
const CARD_LABELS = labelSet((labels) => labels.card);
const REFERENCE_LABELS = labelSet((labels) => labels.reference);
const DATE_LABELS = labelSet((labels) => labels.date);
// Reference labels that a code word begins ("codice operazione", "code de référence"): multi-word ones only.
const REFERENCE_LABEL_STARTS = [...REFERENCE_LABELS].filter((label) => label.includes(" "));

// An alert's rows are at its top: how many lines of the segmentation are looked at for them.
const HEAD_LINES = 40;

/** The head's rows, their labels normalised once: [label, value]. */
const rowsOf = (pairs: Pair[]): [string, string][] =>
  pairs.filter((pair) => pair.line < HEAD_LINES).map((pair) => [normalLabel(pair.label), pair.value]);

const NAMES_A_CARD = /card|karte|carte|tarjeta|carta|kaart|cart[ãa]o|karta|kort/i;

const valuesFor = (rows: [string, string][], labels: Set<string>) =>
  rows.filter(([label]) => labels.has(label)).map(([, value]) => value);

// --- the payee after the amount ----------------------------------------------------------------------------

// Per language, the prepositions that lead to the payee ("a" is Spanish and Italian, never French: "a été"). Up to
// six words on the amount's line may stand before it, a masked card number among them: "a $4.99 card purchase
// at …", "45,00 € a été effectué chez …", "9,99 EUR con carta di debito *1234 presso …".
const AT_OF_LANGUAGE = new Map(
  ALERT_LEXICONS.map((lexicon) => [
    lexicon.language,
    new RegExp(
      `^(?:(?:[ \\t]+[*•xX]*[\\p{L}\\p{N}](?:[./-]*[\\p{L}\\p{N}])*){0,6}?\\s+(?:${wordsSource(lexicon.at)})${
        lexicon.atNext ? `|\\s+(?:${wordsSource(lexicon.atNext)})` : ""
      })\\s+`,
      "iu",
    ),
  ]),
);
const atOf = (language: string) => AT_OF_LANGUAGE.get(language) as RegExp;
const AFTER = wordsOf((lexicon) => lexicon.after).map(escapeRegExp);
const BEFORE_FIGURE = wordsOf((lexicon) => lexicon.beforeFigure).map((word) =>
  escapeRegExp(word).replace(/ /g, "\\s+"),
);

/**
 * A payee's name runs to the end of its clause: a sentence stop (a dot only before a space or the end, so
 * "Amazon.co.uk" keeps its dots), a comma, an emoji, a status or card word ("approved", "accepté", "using your
 * card"), a date, time or amount ("le 03/10", "at 11:47", "for $4.99"). Shared with the card-app pushes (card-push.ts).
 */
export const PAYEE = new RegExp(
  `^(.+?)(?=\\s+(?:${AFTER.join("|")})(?![\\p{L}\\p{N}])|\\s+(?:${BEFORE_FIGURE.join("|")})\\s+[-−+]?[\\d$€£]|[.!?:](?:\\s|$)|[,;\\n·•|]|\\s+\\((?:UPI|Ref|Txn|Auth|Avl|Bal)|\\s*\\p{Extended_Pictographic}|\\s*$)`,
  "iu",
);
// "paid from cheq a/c..4821", "from savings": the account the money left, not a payee.
const ACCOUNT = /^(?:cheq(?:ue)?|chq|savings?|current|a\/c|acc(?:oun)?t|account|card)(?![\p{L}])/iu;
// "at your account", "to your card": a possessive is no payee.
export const POSSESSIVE =
  /^(?:your|my|the|deine?[mnrs]?|ihre?[mnrs]?|votre|ton|ta|tu|su|la tua|il tuo|la sua|il suo|uw|je|jouw|o seu|a sua|o teu|a tua)\s/i;

interface Spent {
  money: FoundMoney;
  merchant: string;
}

/**
 * The payee after the first preposition of `at` in `after`; past the account a "from" names ("paid from cheq
 * a/c..4821 @ Showmax"), the next preposition's.
 */
function payeeAfterAt(after: string, at: RegExp): string | null {
  let rest = after;
  for (let tries = 0; tries < 2; tries += 1) {
    const found = at.exec(rest);
    if (!found) return null;
    rest = rest.slice(found[0].length);
    if (POSSESSIVE.test(rest)) return null;
    if (ACCOUNT.test(rest)) {
      rest = ` ${rest}`;
      continue;
    }
    const merchant = cleanMerchant(PAYEE.exec(rest)?.[1]);
    return merchant && NAMED.test(merchant) && !TIME_PHRASE.test(merchant) ? merchant : null;
  }
  return null;
}

const NAMED = /\p{L}/u;
// "… por 44,99 EUR el 19/04/2026 a las 22:05": after its "a" stands the time, not a payee.
const TIME_PHRASE = /^(?:(?:las|la|les|le|the|um|alle|às|as|om|kl\.?)\s+)?\d{1,2}(?:[:h.]\d{2})(?![\d])/i;

/** The first amount followed by its preposition (in one of `languages`) and a payee ("8,99 EUR chez …"). */
function spentIn(head: string, found: FoundMoney[], languages: string[]): Spent | null {
  for (const money of found) {
    const after = head.slice(money.index + money.raw.length, money.index + money.raw.length + 120);
    for (const language of languages) {
      const merchant = payeeAfterAt(after, atOf(language));
      if (merchant) return { money, merchant };
    }
  }
  return null;
}

// A bank's descriptor right after the amount, in capitals, no preposition before it: "15,00 EUR ACME GYM sur
// votre compte", "4,50 € : ACME BOOKS.".
const DESCRIPTOR = /^[ \t]*(?:[:–-][ \t]*)?(?=[\p{Lu}\p{N}])/u;
const CAPITALS = /^[\p{Lu}\p{N}][\p{Lu}\p{N} .*&'/+-]*$/u;

/** The first amount followed straight by a payee written in capitals, as bank descriptors are. */
function descriptorAfter(head: string, found: FoundMoney[]): Spent | null {
  for (const money of found) {
    const after = head.slice(money.index + money.raw.length, money.index + money.raw.length + 80);
    const lead = DESCRIPTOR.exec(after);
    if (!lead) continue;
    const merchant = cleanMerchant(PAYEE.exec(after.slice(lead[0].length))?.[1]);
    if (merchant && CAPITALS.test(merchant) && /\p{Lu}.*\p{Lu}/u.test(merchant)) return { money, merchant };
  }
  return null;
}

/**
 * The payee named right after a cue, the amount after it: "Kartenzahlung bei … über 9,99 €", "Purchase at … for
 * $4.99". `lower` is `head` in lower case, the same length (else this form is not looked for).
 */
function payeeAfterCue(head: string, lower: string, found: FoundMoney[]): Spent | null {
  if (lower.length !== head.length) return null;
  for (const match of wholeWords(CUES, lower)) {
    const end = match.index + match[0].length;
    const language = CUE_OF_WORD.get(match[0].replace(/\s+/g, " "))?.languages[0] ?? "en";
    const at = atOf(language).exec(head.slice(end, end + 80));
    if (!at) continue;
    const start = end + at[0].length;
    const rest = head.slice(start, start + 80);
    const merchant = POSSESSIVE.test(rest) ? null : cleanMerchant(PAYEE.exec(rest)?.[1]);
    const money = found.find((candidate) => candidate.index > start && candidate.index - start < 100);
    if (merchant && money && NAMED.test(merchant)) return { money, merchant };
  }
  return null;
}

// A bank's descriptor right after the card's last digits: "cartao final 4412 - IFOOD *IFOOD valor R$ 89,90".
const AFTER_TAIL = /^[ \t]*[-–:][ \t]*([\p{Lu}\p{N}][\p{Lu}\p{N} .*&'/+-]*?)(?=[ \t]+\p{Ll}|[ \t]*[,;\n]|[ \t]*$)/u;
// A line-per-fact SMS names its payee on a line of its own, in capitals: "Spent INR 1,499.00 / Card no. XX7738 /
// 05-03-26 22:47:13 IST / JIOHOTSTAR / Avl Limit: …".
const CAPITALS_LINE = /^[\p{Lu}][\p{Lu}\p{N} .*&'/+-]*$/u;
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;

/** The descriptor after the card's last digits, else a line of capitals below the amount's (short notices only). */
function descriptorBesideCard(head: string, found: FoundMoney[], tail: string | null): Spent | null {
  const money = found[0];
  if (!money) return null;
  if (tail) {
    const at = head.indexOf(tail);
    const merchant = cleanMerchant(AFTER_TAIL.exec(head.slice(at + tail.length, at + tail.length + 80))?.[1]);
    if (merchant && TWO_CAPITALS.test(merchant)) return { money, merchant };
  }
  if (head.length > SHORT_ALERT_CHARS) return null;
  const lines = head.slice(money.index).split("\n").slice(1, 6);
  const line = lines.find((candidate) => CAPITALS_LINE.test(candidate.trim()) && TWO_CAPITALS.test(candidate));
  const merchant = cleanMerchant(line);
  return merchant ? { money, merchant } : null;
}

/** The payee a preposition leads to right after the card's last digits: "… Credit Card ending 4821 at SONYLIV on …". */
function payeeAfterCard(head: string, found: FoundMoney[], tail: string | null, languages: string[]): Spent | null {
  const money = found[0];
  if (!money || !tail) return null;
  const at = head.indexOf(tail) + tail.length;
  for (const language of languages) {
    const merchant = payeeAfterAt(head.slice(at, at + 120), atOf(language));
    if (merchant) return { money, merchant };
  }
  return null;
}

// A comma-separated SMS names its payee in the field before the amount's, after the date: "Absa: CHEQ4417,
// Purchase, 14/03/25 TAKEALOT.COM, R-1,249.00, Available R8,315.62".
const FIELD_BEFORE =
  /,[ \t]*(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?[ \t]+)?([\p{Lu}\p{N}][\p{Lu}\p{N} .*&'/+-]*?)[ \t]*,[ \t]*$/u;

/** The capitals of the comma-separated field just before the first amount (short notices only). */
function fieldBeforeAmount(head: string, found: FoundMoney[]): Spent | null {
  const money = found[0];
  if (!money || head.length > SHORT_ALERT_CHARS || !head.includes(",")) return null;
  const merchant = cleanMerchant(FIELD_BEFORE.exec(head.slice(Math.max(0, money.index - 80), money.index))?.[1]);
  return merchant && TWO_CAPITALS.test(merchant) && NAMED.test(merchant) ? { money, merchant } : null;
}
// An SMS or a push, not a mail: where a line of capitals is a payee, not a heading.
const SHORT_ALERT_CHARS = 400;

// --- the rest of the alert ---------------------------------------------------------------------------------

const TAIL =
  /(?:ending(?:\s+(?:in|with))?|endet\s+(?:auf|mit)|endend\s+auf|termin[ée]e?\s+par|se\s+terminant\s+par|finissant\s+par|terminada\s+en|(?:que\s+)?termina\s+en|che\s+termina\s+(?:in|con)|terminante\s+(?:in|con)|terminad[oa]\s+em|eindigend\s+op|eindigt\s+op|(?:com\s+)?final|kończąc[aey]\s+się\s+na|\b(?:cheq|chq|save?|cred)(?=\d)|[*•·xX.…]{2,}|…|\*(?=\d))\s*(?:[-–—:]\s*)?(\d{4})(?!\d)/i;

/** The card's (or account's) last digits as an alert writes them: "ending 4821", "*8837", "CHEQ4417". */
export function tailIn(text: string): string | null {
  return TAIL.exec(text)?.[1] ?? cardTailIn(text);
}

/** The tail the first card row gives: its digits alone ("Card ending in: 5518") or as a card number writes them. */
function tailOfRows(values: string[]): string | null {
  for (const value of values) {
    const tail = /^\s*(\d{3,4})\s*$/.exec(value)?.[1] ?? tailIn(value);
    if (tail) return tail;
  }
  return null;
}

/** The amounts in the head that no balance or limit word stands just before. */
const usable = (found: FoundMoney[], head: string) =>
  found.filter((money) => !firstWord(NOT_AMOUNT, head.slice(Math.max(0, money.index - 24), money.index).toLowerCase()));

/** The first amount in `values`, or in the head that no balance or limit word stands just before. */
function amountOf(labelled: string[], found: FoundMoney[], head: string): FoundMoney | null {
  for (const value of labelled) {
    const money = findMoney(value)[0];
    if (money) return money;
  }
  return usable(found, head)[0] ?? null;
}

/**
 * A card product named with a trademark sign ("Custom Cash® Card", "Rewards™ card"): issuers brand their credit
 * cards so, and call a debit card a debit card. Shared with the card-app pushes (card-push.ts).
 */
// A card named with its brand mark ("Bank® Card"), or Apple's credit card.
export const BRANDED_CARD = /[®™]\s*card\b|\bApple Card\b/i;

// A bank named for credit ("Crédit Mutuel", "Crédit Agricole", "Navy Federal Credit Union", "Credito Emiliano")
// says nothing of its card: its name is no credit-card word. "Credit Card", "carte de Crédit" stay.
const CREDIT_IN_NAME =
  /(?<!\b(?:de|di|do|of|da)\s+)\bCr[ée]dit[oa]?\s+(?!(?:Cards?|Cartes?|Cart[aã]o|Karte|Tarjeta|Carta|Line|Limit)\b)(?:(?:du|de|del|di)\s+)?\p{Lu}[\p{L}'-]*/gu;

/** The channel `text` names, past any bank's name that speaks of credit. Shared with the card-app pushes. */
export function channelIn(text: string): PaymentChannel {
  return channelOf((/cr[ée]dit/i.test(text) ? text.replace(CREDIT_IN_NAME, " ") : text).toLowerCase());
}

/** The channel lower-case `text` names. */
function channelOf(text: string): PaymentChannel {
  if (firstWord(DEBIT, text)) return "bank_card";
  if (firstWord(CREDIT, text) || BRANDED_CARD.test(text)) return "credit_card";
  // A bank's card that the alert does not call a credit card is its debit card.
  return "bank_card";
}

const REFERENCE = /^#?\s*([A-Za-z0-9][A-Za-z0-9._-]{3,40})/;

function referenceOf(values: string[]): string | null {
  for (const value of values) {
    const token = REFERENCE.exec(value.trim())?.[1];
    if (token && /\d/.test(token)) return token;
  }
  return null;
}

/**
 * The labelled date as the day it names; the notice's own time stands for it when that is the same day. A day
 * before the notice's own day in UTC (an evening alert from the Americas, sent after midnight UTC) is noon UTC of
 * it: that day from UTC−11 to UTC+11, and before the notice, where the notice's time is that day only west of UTC−4.
 */
function occurredAt(values: string[], language: string, notice: Notice): string | null {
  const anchor = notice.sentAt ?? notice.receivedAt;
  for (const value of values) {
    const date = language === "en" ? calendarDateIn(value, notice) : europeanDateIn(value, notice.receivedAt, "past");
    if (!date) continue;
    if (notice.timeZone) return zonedDayInstant(date, anchor, notice.timeZone);
    return date < new Date(anchor).toISOString().slice(0, 10) ? `${date}T12:00:00.000Z` : dayInstant(date, anchor);
  }
  return null;
}

// A date an alert states in its sentence older than this is no transaction's ("member since").
const OLDEST_MS = 90 * 86_400_000;
const TIME_WRITTEN = /\d[:h]\d\d/;

/**
 * The date (and time) an alert's sentence states, read in the user's zone: "was used … on 31/12 at 11:58pm". A date
 * without a time on the notice's own day is the notice's own time.
 */
export function statedAt(text: string, language: string, notice: Notice): string | null {
  if (!notice.timeZone) return null;
  const anchor = notice.sentAt ?? notice.receivedAt;
  const context = {
    receivedAt: notice.receivedAt,
    timeZone: notice.timeZone,
    dayFirst: language === "en" ? writesDayFirst(notice) : true,
  };
  const found = findDateTime(text, context);
  if (!found || Date.parse(found) < anchor - OLDEST_MS) return null;
  if (TIME_WRITTEN.test(text)) return found;
  return zonedDayInstant(localDate(Date.parse(found), notice.timeZone), anchor, notice.timeZone);
}

/** A bank or card alert's event; null for anything that does not read as one. */
export const readCardAlert: Extractor = (notice) => {
  const subject = notice.subject ?? "";
  const opening = notice.text.slice(0, CUE_CHARS);
  const cueText = `${subject}\n${opening}`.toLowerCase();
  // The one search most notices stop at: no cue of any alert (nor of a hold) at all.
  const { cue, hold } = cuesIn(cueText, subject.length);
  if ((!cue && !hold) || !isLatinScript(cueText)) return null;
  const head = `${subject}\n${notice.text.slice(0, HEAD_CHARS)}`;
  const lower = head.toLowerCase();
  // A hold, a declined payment or a one-time code that names an amount moved no money; the day it states stays.
  if (hold || firstWord(DECLINED, lower) || isOneTimeCode(lower)) {
    if (findMoney(head).length === 0) return null;
    const dates = valuesFor(rowsOf(segmentsOf(notice).pairs), DATE_LABELS);
    return englishEvent(notice, { kind: "other", occurred_at: occurredAt(dates, cue?.languages[0] ?? "en", notice) });
  }
  if (!cue) return null;
  const rows = rowsOf(segmentsOf(notice).pairs);
  const labelled = cleanMerchant(valuesFor(rows, MERCHANT_LABELS)[0]);
  // A payee only in a sentence, in a notice that speaks of its order or subscription: the merchant's own receipt.
  if (!labelled && firstWord(RECEIPT, lower)) return null;
  const found = findMoney(head);
  if (found.length === 0) return null;
  // A card's row before an account's: "Account: Checking ...7730 / Card ending in: 5518" was paid with the card.
  const namesCard = ([label]: [string, string]) => (NAMES_A_CARD.test(label) ? 0 : 1);
  const cards = rows
    .filter(([label]) => CARD_LABELS.has(label))
    .sort((a, b) => namesCard(a) - namesCard(b))
    .map(([, value]) => value);
  const card_tail = tailOfRows(cards) || tailIn(head);
  // The amounts no balance or limit word stands before: where a payee beside the card or a field is looked for.
  const spendable = usable(found, head);
  const spent =
    spentIn(head, found, cue.languages) ??
    payeeAfterCue(head, lower, spendable) ??
    descriptorAfter(head, found) ??
    payeeAfterCard(head, spendable, card_tail, cue.languages) ??
    (labelled ? null : descriptorBesideCard(head, spendable, card_tail)) ??
    (labelled ? null : fieldBeforeAmount(head, spendable));
  const merchant = labelled ?? spent?.merchant ?? null;
  const money = amountOf(valuesFor(rows, AMOUNT_LABELS), spent ? [spent.money] : found, head);
  if (!merchant || !money || (!card_tail && !firstWord(CARD_WORDS, lower))) return null;
  // A card check for nothing: no money moved.
  if (money.amount_minor === 0) return otherEnglishEvent(notice);
  return englishEvent(notice, {
    kind: cue.kind === "refund" ? "refund" : "charge",
    found: money,
    merchant,
    occurred_at:
      occurredAt(valuesFor(rows, DATE_LABELS), cue.languages[0] ?? "en", notice) ??
      statedAt(head.slice(spent ? spent.money.index : 0), cue.languages[0] ?? "en", notice) ??
      // "le 30/12, paiement par carte … de 9,99 EUR": the date may open the sentence, before the amount.
      (spent ? statedAt(head.slice(0, spent.money.index), cue.languages[0] ?? "en", notice) : null),
    reference: referenceOf(valuesFor(rows, REFERENCE_LABELS)),
    card_tail,
    channel: channelIn(`${cards}\n${head}`),
  });
};
