// What the labelled reader (../labelled.ts) needs to know about one language to read its payment notices: the
// words its senders use as labels for each field, the words that say what happened, what is never the amount,
// and what a bare figure or time means there. Pure data: adding a language is adding a file, not code.
import type { EventKind } from "../types";

/** The label words of one field, matched inside a label with its spaces and (parenthesised) notes removed. */
export interface FieldLabels {
  /** Most specific first: the first word any pair's label holds decides the field. */
  words: string[];
  /** A label holding one of these is never this field's (小計 and 消費税 are no amount charged). */
  not?: string[];
}

/**
 * How short notices (card SMS, wallet and bank pushes) of this language are laid out when they carry no
 * labels: the reader strips these from the text, and the first piece left is the merchant.
 */
export interface ShortNoticeFrame {
  /** Shapes of a card holder's (masked) name: 김*수, 홍*동님. */
  holder: RegExp;
  /** Instalment words after the amount: 일시불, (03개월), 할부. */
  instalment: RegExp;
  /** Words glued after the merchant's name that mean "at" ("웨이브에서 7,900원 결제"): what comes before is the merchant. */
  at: string[];
  /** Lines that carry no name: 문의1588-8100, 사유:한도초과. */
  drop: RegExp;
  /** Words of the frame that are never a name: 오전, 오후, a verb's ending left after its cue. */
  noise: string[];
  /** Cues only short notices use (a mail's greeting may hold them too): "5,000원 스타벅스 사용". */
  kinds: Partial<Record<EventKind, string[]>>;
}

export interface Lexicon {
  /** BCP 47 tag, for provenance and tests: "ja", "ko". */
  language: string;
  /**
   * Characters only this language writes (kana, Hangul): a notice is in the language when its head holds at least
   * `scriptMinimum` of them. Global, so it can be counted.
   */
  script: RegExp;
  scriptMinimum: number;
  /** ISO 4217 code of a bare figure and of an ambiguous ¥ / $ ("¥1,200" on a Japanese notice is yen). */
  currency: string;
  /** IANA zone of a date or time written without one. */
  zone: string;
  labels: {
    amount: FieldLabels;
    /** The payee: ご利用先, 利用店名, 가맹점. */
    merchant: FieldLabels;
    /** The service paid for, when no payee is labelled: サービス名, 서비스명 (a trailing "(plan)" is dropped). */
    service: FieldLabels;
    /** When it happened. */
    date: FieldLabels;
    /** The next renewal or payment date. */
    renews: FieldLabels;
    reference: FieldLabels;
    /** Payment method or card: お支払い方法, ご利用カード, 결제수단. */
    method: FieldLabels;
  };
  /**
   * Words that say what the notice reports. The earliest cue in the subject decides, else the earliest in the
   * body; at one place the longest cue wins ("승인거절" over "승인"). "other" holds one-time codes, statements,
   * declines and failed payments.
   */
  kinds: Partial<Record<EventKind, string[]>>;
  /**
   * Endings that undo a charge or refund cue in the clause right after it ("お支払いが完了できませんでした",
   * "결제가 정상적으로 처리되지 않았습니다"): the payment failed, which is no payment.
   */
  failed?: string[];
  /**
   * Words of a one-time code (認証コード, 인증번호, OTP): wherever they stand, before or after a payment cue, the
   * notice is a code for a payment, not the payment.
   */
  codes: string[];
  /**
   * A price change in a sentence: the words between the old price and the new one ("9,900원에서 10,900원으로",
   * "990円から1,190円に"), and the words after a date that make it the one the new price applies from.
   */
  priceChange: { between: string[]; from: string[] };
  /**
   * Words that put a payment in the future ("정기결제가 … 진행될 예정", "…に決済予定"): a charge cue on a line holding
   * one is a renewal notice, and the date on that line is the renewal's.
   */
  upcoming: string[];
  /** Words just before a figure that make it no amount: 누적 (a running total), 잔액 (a balance). */
  notAmount: string[];
  /** Words just before a card's last digits: 末尾, 下4桁. */
  tailCues: string[];
  channels: {
    /** Debit cards: 체크카드, デビット. Checked first, as their names hold the credit words too. */
    debit: string[];
    /** Wallets that have no channel of their own (the event's channel stays null): 카카오페이. */
    wallet: string[];
    /** Credit cards and their brands: カード, 신용카드, Visa. */
    credit: string[];
  };
  /** Words in a sender's name that make it a card issuer, bank or wallet, never the merchant: カード, 카드, 銀行. */
  issuers: string[];
  /**
   * Words of a free trial, written right after the service it is for ("Kindle Unlimitedの無料体験"): a trial's
   * notice names its merchant there, not by its sender (the store that sells it).
   */
  trials?: string[];
  /**
   * A card check or temporary hold, wherever it stands ("카드 확인을 위한 임시 승인이에요", "カード有効性確認のため"):
   * the approval it explains took no money.
   */
  holds?: string[];
  /** Words a sender's display name adds to the brand: "カスタマーサービス", "고객센터". */
  senderNoise: string[];
  /** The layout of this language's label-less short notices, where it has them. */
  short?: ShortNoticeFrame;
}
