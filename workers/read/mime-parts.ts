// The parts of a raw e-mail that reading uses, decoded in one synchronous pass: the top headers, the text and HTML
// bodies and an attached message/rfc822. postal-mime decodes every part, attachments included, through Blobs and
// promises; a payment notice needs only its text, and a PDF invoice attached to it need not be decoded at all.
//
// This reads only the shapes it is sure of, exactly as postal-mime reads them (test/unit/read-mime-parts.test.ts compares the
// two on every fixture and on random and mangled mail): single-part and multipart mail (mixed, alternative, related) whose leaves are
// text/plain, text/html or attachments, in 7bit, 8bit, binary, quoted-printable or base64, in a charset from a known
// list. Anything else — comments or RFC 2231 continuations in a content header, a digest, a part that would need
// converting between text and HTML, an unknown charset, oversized headers — is `undefined`, and postal-mime reads it.
import { addressParser, decodeWords, type Email } from "postal-mime";

/** What mime.ts reads of a message: postal-mime's Email, as far as reading uses it. */
export type MessageParts = Pick<Email, "from" | "subject" | "messageId" | "date" | "text" | "html"> & {
  /** The first message/rfc822 part (postal-mime with forceRfc822Attachments keeps every one as an attachment). */
  attached?: Uint8Array;
};

const LF = 0x0a;
const CR = 0x0d;
const EQUALS = 0x3d;
const DASH = 0x2d;
// Well under postal-mime's limits (2 MiB of headers in the whole message, 256 levels of nesting): past these, it
// decides, and refuses the message as it always has.
const MAX_HEADER_BYTES = 1024 * 1024;
const MAX_DEPTH = 16;

// The charsets read here, as written in Content-Type (lower case): any other is left to postal-mime's aliases.
const CHARSETS = new Set([
  "utf-8",
  "utf8",
  "us-ascii",
  "ascii",
  "iso-8859-1",
  "iso-8859-2",
  "iso-8859-15",
  "latin1",
  "windows-1250",
  "windows-1251",
  "windows-1252",
  "gbk",
  "gb2312",
  "gb18030",
  "big5",
  "shift_jis",
  "euc-jp",
  "iso-2022-jp",
  "euc-kr",
  "ks_c_5601-1987",
]);
const decoders = new Map<string, TextDecoder>();
const encoder = new TextEncoder();
const headerDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

function decoderFor(charset: string): TextDecoder | undefined {
  if (!CHARSETS.has(charset)) return undefined;
  let decoder = decoders.get(charset);
  if (!decoder) {
    decoder = new TextDecoder(charset);
    decoders.set(charset, decoder);
  }
  return decoder;
}

/**
 * The message's lines: line i is bytes [starts[i], ends[i]), without its line break or any carriage returns ending it,
 * as postal-mime reads lines.
 */
interface Lines {
  starts: number[];
  ends: number[];
  count: number;
}

// Past this size a message is scanned for line feeds natively (indexOf): a per-call cost that small messages do not
// repay, and a long attachment's base64 does many times over.
const NATIVE_SCAN_BYTES = 64 * 1024;

function linesOf(bytes: Uint8Array): Lines {
  const starts: number[] = [];
  const ends: number[] = [];
  const length = bytes.length;
  const push = (start: number, stop: number) => {
    let end = stop;
    while (end > start && bytes[end - 1] === CR) end -= 1;
    starts.push(start);
    ends.push(end);
  };
  if (length > NATIVE_SCAN_BYTES) {
    let start = 0;
    while (start < length) {
      const feed = bytes.indexOf(LF, start);
      const stop = feed < 0 ? length : feed;
      push(start, stop);
      start = stop + 1;
    }
    return { starts, ends, count: starts.length };
  }
  let start = 0;
  let end = 0;
  for (let index = 0; index < length; index += 1) {
    const byte = bytes[index];
    if (byte === LF) {
      starts.push(start);
      ends.push(end);
      start = index + 1;
      end = start;
    } else if (byte !== CR) end = index + 1;
  }
  if (start < length) push(start, length);
  return { starts, ends, count: starts.length };
}

interface Header {
  key: string;
  value: string;
}

/** The header block at `from`: its headers, and the index of the first body line (after the blank line). */
function headersAt(walk: Walk, from: number, to: number): { headers: Header[]; body: number } {
  const { bytes, lines } = walk;
  const raw: string[] = [];
  let index = from;
  for (; index < to; index += 1) {
    const start = lines.starts[index] as number;
    const end = lines.ends[index] as number;
    if (start === end) {
      index += 1;
      break;
    }
    walk.headerBytes += end - start;
    raw.push(headerDecoder.decode(bytes.subarray(start, end)));
  }
  if (walk.headerBytes > MAX_HEADER_BYTES) throw new Unsure();
  // A header is its line and the folded lines after it, unfolded, split at the first colon of the whole.
  const unfolded: string[] = [];
  for (const line of raw) {
    if (unfolded.length > 0 && (line.startsWith(" ") || line.startsWith("\t"))) unfolded[unfolded.length - 1] += line;
    else unfolded.push(line);
  }
  const headers = unfolded.map((line) => {
    const colon = line.indexOf(":");
    const key = trimWsp(colon < 0 ? line : line.slice(0, colon)).toLowerCase();
    return { key, value: colon < 0 ? "" : trimWsp(line.slice(colon + 1).replace(/[\r\n]+/g, " ")) };
  });
  return { headers, body: index };
}

const trimWsp = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, "");
const first = (headers: Header[], key: string) => headers.find((header) => header.key === key)?.value;

/** A shape this reader is not sure of: postal-mime reads the message instead. */
class Unsure extends Error {}

interface Structured {
  value: string;
  params: Record<string, string>;
}

// A content header of the plain shape: `type/sub; name=token; name="quoted"`, no comments, escapes or continuations.
const PLAIN_STRUCTURED = /^[^"()\\*]*(?:"[^"\\]*"[^"()\\*]*)*$/;

/** A content header's value ("text/html", "attachment"), lower case, whatever its parameters. */
function headerValue(header: string | undefined): string {
  if (!header) return "";
  if (header.includes("(")) throw new Unsure();
  const semicolon = header.indexOf(";");
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (/[\s"]/.test(value)) throw new Unsure();
  return value;
}

/** A content header whose parameters are read (a text part's charset, a multipart's boundary). */
function structured(value: string): Structured {
  if (!PLAIN_STRUCTURED.test(value)) throw new Unsure();
  const [head = "", ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const part of rest) {
    const equals = part.indexOf("=");
    if (equals < 0) throw new Unsure();
    const name = part.slice(0, equals).trim().toLowerCase();
    let param = part.slice(equals + 1).trim();
    if (param.startsWith('"')) {
      if (!param.endsWith('"') || param.length < 2) throw new Unsure();
      param = param.slice(1, -1);
    } else if (/[\s"]/.test(param)) throw new Unsure();
    if (!name || name in params) throw new Unsure();
    params[name] = param;
  }
  return { value: head.trim().toLowerCase(), params };
}

/** `value` split at the semicolons outside quotes. */
function splitParams(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '"') quoted = !quoted;
    else if (char === ";" && !quoted) {
      parts.push(value.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(value.slice(start));
  // A trailing semicolon ("text/plain; charset=utf-8;") adds nothing.
  if (parts.length > 1 && !(parts[parts.length - 1] as string).trim()) parts.pop();
  return parts;
}

interface Leaf {
  type: "plain" | "html";
  text: string;
}

/** The text parts postal-mime renders as one: those of one multipart/alternative, or a lone text part. */
interface Entry {
  leaves: Leaf[];
  listed: boolean;
}

interface Walk {
  bytes: Uint8Array;
  lines: Lines;
  entries: Entry[];
  /** The boundaries of the multiparts being walked, outermost first. */
  boundaries: string[];
  /** Header bytes read so far, in every part. */
  headerBytes: number;
  attached?: Uint8Array;
}

function walkPart(walk: Walk, from: number, to: number, depth: number, alternative: Entry | null): void {
  if (depth > MAX_DEPTH) throw new Unsure();
  const { headers, body } = headersAt(walk, from, to);
  walkBody(walk, headers, body, to, depth, alternative);
}

function walkBody(
  walk: Walk,
  headers: Header[],
  body: number,
  to: number,
  depth: number,
  alternative: Entry | null,
): void {
  const header = first(headers, "content-type");
  // No Content-Type is text/plain; an empty one is no type at all, and its part an attachment (as postal-mime has it).
  const contentType = header === undefined ? "text/plain" : headerValue(header);
  if (contentType.startsWith("multipart/")) {
    const sub = contentType.slice("multipart/".length);
    if (sub === "digest" || sub === "report") throw new Unsure();
    const boundary = structured(header as string).params.boundary;
    // postal-mime matches a boundary line against the innermost multipart first: one that reuses an enclosing
    // boundary is split differently by the two readings.
    if (!boundary || walk.boundaries.includes(boundary)) throw new Unsure();
    // The closest multipart/alternative gathers the text parts under it, as postal-mime's collectNode does.
    const entry = sub === "alternative" ? { leaves: [], listed: false } : alternative;
    walk.boundaries.push(boundary);
    for (const [start, end] of partsOf(walk, boundary, body, to)) walkPart(walk, start, end, depth + 1, entry);
    walk.boundaries.pop();
    return;
  }
  const encoding = transferEncoding(first(headers, "content-transfer-encoding"));
  if (contentType === "message/rfc822") {
    walk.attached ??= decoded(walk, encoding, body, to);
    return;
  }
  const disposition = headerValue(first(headers, "content-disposition"));
  if (disposition === "attachment" || (contentType !== "text/plain" && contentType !== "text/html")) return;
  const params = header ? structured(header).params : {};
  const decoder = decoderFor((params.charset ?? "utf8").trim().toLowerCase());
  if (!decoder || params.format !== undefined) throw new Unsure();
  const leaf: Leaf = {
    type: contentType === "text/html" ? "html" : "plain",
    text: decoder.decode(decoded(walk, encoding, body, to)),
  };
  const entry = alternative ?? { leaves: [], listed: false };
  entry.leaves.push(leaf);
  if (!entry.listed) {
    entry.listed = true;
    walk.entries.push(entry);
  }
}

function transferEncoding(value: string | undefined): "base64" | "qp" | "raw" {
  if (!value) return "raw";
  if (/[()"\\]/.test(value)) throw new Unsure();
  const token = (/[\w-]+/.exec(value.toLowerCase()) ?? [""])[0];
  if (/base64/.test(token)) return "base64";
  if (/quoted-printable/.test(token)) return "qp";
  return "raw";
}

/** The [from, to) line ranges of each part between `--boundary` lines, up to the closing `--boundary--`. */
function partsOf(walk: Walk, boundary: string, from: number, to: number): [number, number][] {
  const marker = encoder.encode(boundary);
  const parts: [number, number][] = [];
  let open = -1;
  for (let index = from; index < to; index += 1) {
    const closing = boundaryLine(
      walk.bytes,
      walk.lines.starts[index] as number,
      walk.lines.ends[index] as number,
      marker,
    );
    if (closing === null) continue;
    if (open >= 0) parts.push([open, index]);
    if (closing) return parts;
    open = index + 1;
  }
  // An unclosed multipart ends with the message, as postal-mime reads it.
  if (open >= 0) parts.push([open, to]);
  return parts;
}

/** null when `line` is no boundary line of `marker`; true when it closes the multipart, false when it opens a part. */
function boundaryLine(bytes: Uint8Array, start: number, end: number, marker: Uint8Array): boolean | null {
  const length = end - start;
  if (length < marker.length + 2 || bytes[start] !== DASH || bytes[start + 1] !== DASH) return null;
  for (let index = 0; index < marker.length; index += 1) if (bytes[start + 2 + index] !== marker[index]) return null;
  let after = start + 2 + marker.length;
  const closing = end - after >= 2 && bytes[after] === DASH && bytes[after + 1] === DASH;
  if (closing) after += 2;
  for (let index = after; index < end; index += 1) {
    const byte = bytes[index];
    if (byte !== 0x20 && byte !== 0x09) return null;
  }
  return closing;
}

/** The body lines [from, to) decoded from their transfer encoding, as postal-mime's decoders write them. */
function decoded(walk: Walk, encoding: "base64" | "qp" | "raw", from: number, to: number): Uint8Array {
  const { bytes, lines } = walk;
  if (encoding === "base64") return base64Of(bytes, lines, from, to);
  let size = 0;
  for (let index = from; index < to; index += 1) {
    const start = lines.starts[index] as number;
    const end = lines.ends[index] as number;
    size += end - start + 1;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let index = from; index < to; index += 1) {
    const start = lines.starts[index] as number;
    const end = lines.ends[index] as number;
    if (encoding === "raw") {
      out.set(bytes.subarray(start, end), at);
      at += end - start;
      out[at++] = LF;
      continue;
    }
    const soft = end > start && bytes[end - 1] === EQUALS;
    const stop = soft ? end - 1 : end;
    for (let position = start; position < stop; position += 1) {
      const byte = bytes[position] as number;
      if (byte === EQUALS && position + 2 < stop) {
        const high = hexNibble(bytes[position + 1] as number);
        const low = hexNibble(bytes[position + 2] as number);
        if (high >= 0 && low >= 0) {
          out[at++] = (high << 4) | low;
          position += 2;
          continue;
        }
      }
      out[at++] = byte;
    }
    if (!soft) out[at++] = LF;
  }
  return out.subarray(0, at);
}

function hexNibble(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

const BASE64 = new Int16Array(256).fill(-1);
for (const [index, char] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries())
  BASE64[char.charCodeAt(0)] = index;

/**
 * Base64 as postal-mime decodes it: every character outside the alphabet dropped, each run of "=" ending a unit (some
 * mailers pad every line), and each unit decoded on its own, a dangling sixth bit dropped.
 */
function base64Of(bytes: Uint8Array, lines: Lines, from: number, to: number): Uint8Array {
  let size = 0;
  for (let index = from; index < to; index += 1) {
    const start = lines.starts[index] as number;
    const end = lines.ends[index] as number;
    size += end - start;
  }
  const out = new Uint8Array(Math.ceil((size * 3) / 4) + 3);
  let at = 0;
  let quad = 0;
  let count = 0;
  const flush = () => {
    // A unit of 4n+1 characters drops its last; 4n+2 and 4n+3 give one and two bytes.
    if (count === 2) out[at++] = quad >> 4;
    else if (count === 3) {
      out[at++] = quad >> 10;
      out[at++] = (quad >> 2) & 0xff;
    }
    quad = 0;
    count = 0;
  };
  for (let index = from; index < to; index += 1) {
    const start = lines.starts[index] as number;
    const end = lines.ends[index] as number;
    for (let position = start; position < end; position += 1) {
      const byte = bytes[position] as number;
      if (byte === EQUALS) {
        flush();
        continue;
      }
      const value = BASE64[byte] as number;
      if (value < 0) continue;
      quad = (quad << 6) | value;
      count += 1;
      if (count === 4) {
        out[at++] = quad >> 16;
        out[at++] = (quad >> 8) & 0xff;
        out[at++] = quad & 0xff;
        quad = 0;
        count = 0;
      }
    }
  }
  flush();
  return out.subarray(0, at);
}

/** The message's parts as postal-mime gives them, or undefined for a shape only postal-mime should read. */
export function messageParts(raw: Uint8Array): MessageParts | undefined {
  try {
    return parts(raw);
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

function parts(bytes: Uint8Array): MessageParts {
  const lines = linesOf(bytes);
  const walk: Walk = { bytes, lines, entries: [], boundaries: [], headerBytes: 0 };
  const { headers, body } = headersAt(walk, 0, lines.count);
  walkBody(walk, headers, body, lines.count, 0, null);
  const out: MessageParts = {};
  const from = first(headers, "from");
  if (from) {
    const address = addressParser(from)[0];
    if (address) out.from = address;
  }
  const subject = first(headers, "subject");
  if (subject) out.subject = decodeWords(subject);
  const messageId = first(headers, "message-id");
  if (messageId) out.messageId = decodeWords(messageId);
  const date = headers.find((header) => header.key === "date");
  if (date) {
    const parsed = new Date(date.value);
    out.date = Number.isNaN(parsed.getTime()) ? date.value : parsed.toISOString();
  }
  const types = new Set(walk.entries.flatMap((entry) => entry.leaves.map((leaf) => leaf.type)));
  // postal-mime converts a part to the other type where one entry lacks a type another has: not done here.
  for (const entry of walk.entries)
    for (const type of types) if (!entry.leaves.some((leaf) => leaf.type === type)) throw new Unsure();
  const joined = (type: Leaf["type"]) =>
    walk.entries
      .flatMap((entry) => entry.leaves.filter((leaf) => leaf.type === type).map((leaf) => leaf.text))
      .join("\n");
  if (types.has("html")) out.html = joined("html") || undefined;
  if (types.has("plain")) out.text = joined("plain") || undefined;
  if (walk.attached) out.attached = walk.attached;
  return out;
}
