// fast-check generators for the property tests: raw e-mails built from random MIME trees (charsets,
// transfer encodings, nesting, attached and quoted forwards), bank-SMS-like text spliced from real fixtures,
// and hostile JSON/form values for the HTTP routes.
import fc from "fast-check";

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

// ---- text: fragments of Chinese bank and wallet notices, and mutations of real fixture text ----

const CN_FRAGMENTS = [
  "【招商银行】",
  "【工商银行】",
  "【中国银行】",
  "【建设银行】",
  "您账户",
  "您尾号",
  "尾号",
  "卡",
  "6083",
  "的信用卡",
  "借记卡",
  "于",
  "在",
  "7月7日",
  "2025年07月07日",
  "24年10月09日",
  "12月31日",
  "31日",
  "2月30日",
  "13月45日",
  "23:59",
  "15:30:21",
  "25时61分",
  "快捷支付",
  "支付宝-",
  "财付通-",
  "爱奇艺",
  "腾讯视频",
  "扣款",
  "消费",
  "支出",
  "退款",
  "收入",
  "人民币",
  "人民币元",
  "RMB",
  "CNY",
  "¥",
  "￥",
  "元",
  "25.00",
  "1,281.56",
  "-18.90",
  "０１２３．５",
  "99999999999999999999.99",
  "9007199254740993",
  "0.001",
  "1e308",
  "自动续费",
  "免密支付",
  "签约",
  "解约",
  "已取消",
  "续费提醒",
  "将于",
  "到期",
  "试用",
  "，",
  "。",
  "：",
  "（",
  "）",
  "[",
  "]",
  "\n",
  "\r\n",
  " ",
  "\u0000",
  "\u200b",
  "USD",
  "US$",
  "$",
  "€",
  "£",
  "日元",
  "JPY",
  "NT$",
  "新臺幣",
  "HK$",
  "余额",
  "验证码",
  "123456",
  "SubId：1",
  "SIM1_中国移动_+8613800138000",
  "Your subscription",
  "renews on",
  "Total",
  "Order ID:",
  "Receipt",
  "Nov 20, 2026 10:00 AM PST",
  "2 Dec 2024 18:20:35 GMT+7",
  "20 May 275760",
  "Forwarded message",
];

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt().map(String),
  fc.tuple(fc.nat(99_999_999), fc.nat(99)).map(([whole, cents]) => `${whole}.${String(cents).padStart(2, "0")}`),
  fc.stringMatching(/^[0-9,.０-９．]{1,30}$/),
);

/** Text that looks like a Chinese bank or wallet SMS: real vocabulary, random numbers, random junk between. */
export const bankSmsLike = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...CN_FRAGMENTS) },
      { weight: 2, arbitrary: numberText },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

type Mutation =
  | { op: "insert"; at: number; text: string }
  | { op: "delete"; at: number; length: number }
  | { op: "digits"; at: number; digits: string }
  | { op: "duplicate"; at: number; length: number }
  | { op: "truncate"; at: number }
  | { op: "fullwidth" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...CN_FRAGMENTS), fc.string({ unit: "binary", maxLength: 8 }), numberText),
  }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.nat(30) }),
  fc.record({ op: fc.constant("digits" as const), at: fc.nat(), digits: fc.stringMatching(/^\d{1,25}$/) }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), length: fc.nat(60) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.constant({ op: "fullwidth" as const }),
);

function applyMutation(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : ("at" in change ? change.at : 0) % (text.length + 1);
  switch (change.op) {
    case "insert":
      return text.slice(0, at) + change.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + change.length);
    case "digits": {
      // Replace the next run of digits after `at` (amounts, dates, card tails) with other digits.
      const rest = text.slice(at).replace(/\d+/, change.digits);
      return text.slice(0, at) + rest;
    }
    case "duplicate":
      return text.slice(0, at + change.length) + text.slice(at, at + change.length) + text.slice(at + change.length);
    case "truncate":
      return text.slice(0, at);
    case "fullwidth":
      return text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
}

/** One of `texts` (real fixture text) with up to six random mutations, or two of them spliced together. */
export function mutatedText(texts: string[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...texts);
  const spliced = fc
    .tuple(base, base, fc.nat(), fc.nat())
    .map(([a, b, i, j]) => a.slice(0, i % (a.length + 1)) + b.slice(j % (b.length + 1)));
  return fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: base }, { weight: 1, arbitrary: spliced }),
      fc.array(mutation, { maxLength: 6 }),
    )
    .map(([text, changes]) => changes.reduce(applyMutation, text));
}

/** Forward quoting (Gmail, Outlook, QQ Mail, Apple Mail, French Outlook) wrapped `depth` times around `inner`. */
const FORWARD_HEADERS = [
  (from: string, date: string, subject: string) =>
    `---------- Forwarded message ---------\nFrom: ${from}\nDate: ${date}\nSubject: ${subject}\nTo: me@example.com\n\n`,
  (from: string, date: string, subject: string) =>
    `-----Original Message-----\nFrom: ${from}\nSent: ${date}\nTo: me@example.com\nSubject: ${subject}\n\n`,
  (from: string, date: string, subject: string) =>
    `------------------ 原始邮件 ------------------\n发件人: ${from}\n发送时间: ${date}\n收件人: me@qq.com\n主题: ${subject}\n\n`,
  (from: string, date: string, subject: string) =>
    `Begin forwarded message:\n\nFrom: ${from}\nSubject: ${subject}\nDate: ${date}\nTo: me@icloud.com\n\n`,
  (from: string, date: string, subject: string) =>
    `-------- Message transféré --------\nDe : ${from}\nEnvoyé : ${date}\nÀ : moi@example.fr\nObjet : ${subject}\n\n`,
];

export const forwardedText = (inner: fc.Arbitrary<string>) =>
  fc
    .tuple(
      inner,
      fc.array(
        fc.tuple(
          fc.nat(FORWARD_HEADERS.length - 1),
          fc.oneof(
            fc.constantFrom("支付宝 <service@mail.alipay.com>", "Apple <no_reply@email.apple.com>"),
            fc.string(),
          ),
          fc.oneof(
            fc.constantFrom(
              "2025年7月7日 15:50",
              "Mon, 7 Jul 2025 15:50:00 +0800",
              "31 Feb 2025 25:61:00 +9999",
              "Tue, 1 Jan 99999 00:00:00 +0000",
            ),
            fc.string(),
          ),
          fc.string({ unit: "binary", maxLength: 20 }),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .map(([text, wrappers]) =>
      wrappers.reduce((body, [style, from, date, subject]) => {
        const header = FORWARD_HEADERS[style] ?? FORWARD_HEADERS[0];
        return `${header ? header(from, date, subject) : ""}${body}`;
      }, text),
    );

// ---- raw e-mail: random MIME trees ----

const CHARSETS = [
  "utf-8",
  "UTF-8",
  "gbk",
  "GB2312",
  "gb18030",
  "big5",
  "iso-8859-1",
  "ISO-8859-15",
  "windows-1252",
  "us-ascii",
  "utf-16",
  "koi8-r",
  "x-unknown-charset",
  "",
  "utf-8\u0000",
  "../../etc",
];
const ENCODINGS = ["base64", "quoted-printable", "8bit", "7bit", "binary", "broken-base64", "x-uuencode", ""] as const;
type Encoding = (typeof ENCODINGS)[number];

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return (btoa(binary).match(/.{1,76}/g) ?? []).join("\r\n");
}

function quotedPrintable(bytes: Uint8Array): string {
  let out = "";
  let line = 0;
  for (const byte of bytes) {
    const plain = byte >= 33 && byte <= 126 && byte !== 61;
    const piece = plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    if (line + piece.length > 73) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.length;
  }
  return out;
}

function encodeBody(bytes: Uint8Array, encoding: Encoding, seed: number): Uint8Array {
  switch (encoding) {
    case "base64":
      return utf8(base64(bytes));
    case "broken-base64": {
      // Valid base64 with junk inserted, padding lost and the tail cut: what a broken relay sends.
      const text = base64(bytes);
      const cut = text.slice(0, Math.max(0, text.length - (seed % 7)));
      const at = seed % (cut.length + 1);
      return utf8(`${cut.slice(0, at)}!*${"=".repeat(seed % 4)}${cut.slice(at)}`.replace(/=+$/, ""));
    }
    case "quoted-printable":
      return utf8(quotedPrintable(bytes) + (seed % 3 === 0 ? "=Z" : seed % 3 === 1 ? "=" : ""));
    default:
      return bytes;
  }
}

/** A header value as an RFC 2047 encoded word in a random charset, or raw UTF-8. */
const headerValue = fc
  .tuple(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom(...CHARSETS),
    fc.constantFrom("B", "Q", "raw", "X"),
  )
  .map(([text, charset, mode]) => {
    const clean = text.replace(/[\r\n]/g, " ");
    if (mode === "raw") return clean;
    if (mode === "B") return `=?${charset}?B?${base64(utf8(clean)).replace(/\r\n/g, "")}?=`;
    if (mode === "Q") return `=?${charset}?Q?${quotedPrintable(utf8(clean)).replace(/=\r\n/g, "")}?=`;
    return `=?${charset}?${clean}?=`;
  });

export interface MimeLeaf {
  kind: "leaf";
  type: string;
  charset: string;
  encoding: Encoding;
  body: Uint8Array;
  attachment: boolean;
  seed: number;
}
export interface MimeMultipart {
  kind: "multipart";
  subtype: string;
  boundary: string;
  children: MimeNode[];
  closed: boolean;
}
export interface MimeAttached {
  kind: "rfc822";
  inner: MimeNode | Uint8Array;
  attachment: boolean;
  encoding: Encoding;
}
export type MimeNode = MimeLeaf | MimeMultipart | MimeAttached;

/** Bodies: arbitrary text as UTF-8, arbitrary bytes, bank-SMS-like text, or (when given) real fixture bytes. */
function bodyBytes(fixtureBodies: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const options: fc.Arbitrary<Uint8Array>[] = [
    fc.string({ unit: "binary", maxLength: 200 }).map(utf8),
    fc.uint8Array({ maxLength: 200 }),
    bankSmsLike.map(utf8),
    forwardedText(bankSmsLike).map(utf8),
    fc
      .string({ maxLength: 80 })
      .map((text) => utf8(`<html><body><p>${text}</p><table><tr><td>¥25.00</td></tr></table>`)),
  ];
  if (fixtureBodies.length > 0) options.push(fc.constantFrom(...fixtureBodies));
  return fc.oneof(...options);
}

export function mimeTree(fixtureBodies: Uint8Array[], fixtureEmails: Uint8Array[]): fc.Arbitrary<MimeNode> {
  const leaf: fc.Arbitrary<MimeLeaf> = fc.record({
    kind: fc.constant("leaf" as const),
    type: fc.constantFrom("text/plain", "text/html", "application/octet-stream", "image/png", "text/x-weird", ""),
    charset: fc.constantFrom(...CHARSETS),
    encoding: fc.constantFrom(...ENCODINGS),
    body: bodyBytes(fixtureBodies),
    attachment: fc.boolean(),
    seed: fc.nat(),
  });
  const { node } = fc.letrec<{ node: MimeNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({
        kind: fc.constant("multipart" as const),
        subtype: fc.constantFrom("mixed", "alternative", "related", "report", "signed", "digest"),
        boundary: fc.oneof(fc.stringMatching(/^[A-Za-z0-9'()+_,./:=? -]{1,40}$/), fc.constant("=_simple")),
        children: fc.array(tie("node"), { maxLength: 4 }),
        closed: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant("rfc822" as const),
        inner: fixtureEmails.length > 0 ? fc.oneof(tie("node"), fc.constantFrom(...fixtureEmails)) : tie("node"),
        attachment: fc.boolean(),
        encoding: fc.constantFrom<Encoding>("8bit", "7bit", "base64", "quoted-printable"),
      }),
    ),
  }));
  return node;
}

function serializeNode(node: MimeNode): Uint8Array {
  if (node.kind === "leaf") {
    const type = node.type ? `${node.type}; charset="${node.charset}"` : `charset=${node.charset}`;
    const headers = [
      `Content-Type: ${type}`,
      node.encoding ? `Content-Transfer-Encoding: ${node.encoding === "broken-base64" ? "base64" : node.encoding}` : "",
      node.attachment ? `Content-Disposition: attachment; filename="n${node.seed}.txt"` : "",
    ].filter(Boolean);
    return concatBytes([utf8(`${headers.join("\r\n")}\r\n\r\n`), encodeBody(node.body, node.encoding, node.seed)]);
  }
  if (node.kind === "rfc822") {
    const inner = node.inner instanceof Uint8Array ? node.inner : serializeMessage(node.inner, []);
    const headers = [
      "Content-Type: message/rfc822",
      `Content-Transfer-Encoding: ${node.encoding}`,
      node.attachment ? 'Content-Disposition: attachment; filename="forwarded.eml"' : "Content-Disposition: inline",
    ];
    return concatBytes([utf8(`${headers.join("\r\n")}\r\n\r\n`), encodeBody(inner, node.encoding, inner.byteLength)]);
  }
  const parts: Uint8Array[] = [
    utf8(`Content-Type: multipart/${node.subtype}; boundary="${node.boundary}"\r\n\r\npreamble\r\n`),
  ];
  for (const child of node.children) {
    parts.push(utf8(`--${node.boundary}\r\n`), serializeNode(child), utf8("\r\n"));
  }
  if (node.closed) parts.push(utf8(`--${node.boundary}--\r\n`));
  return concatBytes(parts);
}

function serializeMessage(root: MimeNode, topHeaders: string[]): Uint8Array {
  return concatBytes([utf8(topHeaders.map((line) => `${line}\r\n`).join("")), serializeNode(root)]);
}

const SENDERS = [
  "支付宝 <service@mail.alipay.com>",
  "Apple <no_reply@email.apple.com>",
  "PayPal <service@paypal.com>",
  "Google Play <googleplay-noreply@google.com>",
  "Stripe <receipts@stripe.com>",
  "95555",
  "<>",
  "",
];

/** A whole raw e-mail: random top headers (encoded words in random charsets, odd dates) over a random MIME tree. */
export function rawEmail(fixtureBodies: Uint8Array[], fixtureEmails: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const dates = fc.oneof(
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
    fc.constantFrom(
      "Mon, 7 Jul 2025 15:50:00 +0800",
      "31 Feb 2025 25:61:00 +9999",
      "2025年7月7日 15:50",
      "yesterday",
      // Years past 9999 once came out as "+099999-…" instants.
      "Tue, 1 Jan 99999 00:00:00 +0000",
      "Sat, 13 Sep 275760 00:00:00 +0000",
    ),
    fc.string({ maxLength: 30 }),
  );
  return fc
    .tuple(
      fc.oneof(fc.constantFrom(...SENDERS), headerValue),
      headerValue,
      fc.option(dates, { nil: undefined }),
      fc.option(fc.string({ unit: "binary-ascii", maxLength: 40 }), { nil: undefined }),
      mimeTree(fixtureBodies, fixtureEmails),
      fc.boolean(),
    )
    .map(([from, subject, date, messageId, root, lf]) => {
      const headers = [
        `From: ${from.replace(/[\r\n]/g, " ")}`,
        "To: me@in.watchdog.test",
        `Subject: ${subject}`,
        ...(date === undefined ? [] : [`Date: ${date.replace(/[\r\n]/g, " ")}`]),
        ...(messageId === undefined ? [] : [`Message-ID: <${messageId.replace(/[\r\n<>]/g, "")}@x>`]),
        "MIME-Version: 1.0",
      ];
      const bytes = serializeMessage(root, headers);
      // Some relays hand over bare LF line endings.
      return lf ? utf8(new TextDecoder("latin1").decode(bytes).replace(/\r\n/g, "\n")) : bytes;
    });
}

/** Real e-mail bytes cut, flipped and spliced: what a broken relay or a half-saved file looks like. */
export function mutatedBytes(emails: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.constantFrom(...emails),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.uint8Array({ maxLength: 64 }),
      fc.nat(),
    )
    .map(([email, flips, cut, junk, at]) => {
      const bytes = email.slice(0, cut === undefined ? email.byteLength : cut % (email.byteLength + 1));
      for (const [index, value] of flips) if (bytes.byteLength > 0) bytes[index % bytes.byteLength] = value;
      const split = at % (bytes.byteLength + 1);
      return concatBytes([bytes.slice(0, split), junk, bytes.slice(split)]);
    });
}

// ---- HTTP: hostile values ----

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** JSON values with every type in every place: deep nesting, huge numbers, unicode, null bytes, pollution keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      1e308,
      -1e308,
      2 ** 53 + 2,
      -0,
      0.1,
      "",
      "\u0000",
      "\u0000\ud83d\ude00",
      "x".repeat(3000),
      "2026-02-30",
      "2026-11-20T10:00:00+08:00",
      "9999-12-31T23:59:59Z",
      "2999-01-01T00:00:00+08:00",
      "javascript:alert(1)",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      true,
      null,
    ),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 })), tie("value"), {
      maxKeys: 5,
    }),
    fc.array(tie("value"), { maxLength: 4 }),
  ),
})).value;

/** A deeply nested array or object, past what any schema expects. */
export const deepJson = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : "[".repeat(depth) + "]".repeat(depth),
  );

/** A valid-looking object for a schema, with some fields swapped for hostile values and extra keys added. */
export function perturbed(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc
    .tuple(
      fc.subarray(keys),
      fc.array(hostileJson, { minLength: keys.length, maxLength: keys.length }),
      fc.subarray(keys),
      fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 8 })), hostileJson, {
        maxKeys: 2,
      }),
    )
    .map(([replaced, values, dropped, extra]) => {
      const out: Record<string, unknown> = {};
      keys.forEach((key, index) => {
        if (dropped.includes(key) && !replaced.includes(key)) return;
        out[key] = replaced.includes(key) ? values[index] : valid[key];
      });
      // Through JSON text, so a "__proto__" key arrives as an own property, as a client would send it.
      return JSON.parse(
        `{${[...Object.entries(out), ...Object.entries(extra)].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`,
      ) as unknown;
    });
}

/** Request bodies as text: JSON of anything, malformed JSON, deep nesting, form and plain text. */
export function bodyText(valid: Record<string, unknown>[]): fc.Arbitrary<string> {
  const options: fc.WeightedArbitrary<string>[] = [
    hostileJson.map((value) => JSON.stringify(value) ?? "null"),
    fc.json({ maxDepth: 3 }),
    deepJson,
    fc.constantFrom(
      "",
      "{",
      '{"a":',
      "[1,]",
      "{'a':1}",
      "null",
      "undefined",
      "NaN",
      '{"__proto__":{"admin":true}}',
      "\u0000",
    ),
    fc.string({ unit: "binary", maxLength: 100 }),
    fc
      .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: "binary", maxLength: 20 })), { maxLength: 6 })
      .map((pairs) => new URLSearchParams(pairs).toString()),
  ].map((arbitrary) => ({ arbitrary, weight: 1 }));
  // Near misses of a valid body reach past the schema into the operation; the valid body itself lets accepted
  // requests change the stored data that later refusals are checked against.
  for (const body of valid) {
    options.push({ arbitrary: perturbed(body).map((value) => JSON.stringify(value)), weight: 3 });
    options.push({ arbitrary: fc.constant(JSON.stringify(body)), weight: 2 });
  }
  return fc.oneof(...options);
}

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/merge-patch+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "message/rfc822",
  "application/xml",
  "text/html",
  "",
  "application/json; charset=gbk",
  "garbage/x-y",
] as const;
