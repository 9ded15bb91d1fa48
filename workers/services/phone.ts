// Phone confirmation, shared by the API (/me/phone/…) and the settings page: texting a code to the user's
// number through the same SMS provider as alerts, checking a typed code, and telling an account by e-mail when
// its number was confirmed by someone else (a number that changed hands goes to whoever can read its texts).
import type { PhoneCodeRow, UserRow } from "../../schema/tables";
import { isUniqueViolation } from "../db/client";
import { confirmPhoneNumber, countCodeAttempt, phoneCodeOf, storePhoneCode, voidPhoneCode } from "../db/phone-codes";
import { type Providers, toLocalOutbox } from "../deliver/outbox";
import type { SendResult } from "../deliver/providers";
import {
  CODE_MINUTES,
  CODE_SMS,
  CODES_PER_DAY,
  DAY_MS,
  MAX_CODE_ATTEMPTS,
  newPhoneCode,
  normalizeCode,
  phoneCodeHash,
  RELEASED_EMAIL,
  RESEND_SECONDS,
} from "../secrets/phone-codes";
import { secretsEqual } from "../secrets/tokens";
import { escapeHtml } from "../texts/escape-html";
import type { Ctx } from "./context";
import { conflict, DomainError, rateLimited } from "./errors";

export type CodeSent = { sent: true; expiresAt: string } | { sent: false; error: DomainError };

const refused = (error: DomainError): CodeSent => ({ sent: false, error });
const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError("validation", code, message, { details });

/** When a code may go out again, in whole seconds from `now` (the minute between codes, or the day's cap). */
function retryAfterSeconds(row: PhoneCodeRow | undefined, now: number): number {
  if (!row) return RESEND_SECONDS;
  // Only the same number waits the minute between codes (db/phone-codes.ts); the day's cap is for any.
  const windowOpen = Date.parse(row.windowStart) > now - DAY_MS;
  const next =
    windowOpen && row.windowSends >= CODES_PER_DAY
      ? Date.parse(row.windowStart) + DAY_MS
      : Date.parse(row.sentAt) + RESEND_SECONDS * 1000;
  return Math.max(1, Math.ceil((next - now) / 1000));
}

async function textCode(providers: Providers, to: string, body: string): Promise<SendResult> {
  const sms = providers.sms;
  if (!sms) return toLocalOutbox(to, body);
  try {
    return await sms.send({ to, body });
  } catch (error) {
    return { outcome: "retry", error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Texts a new code to the user's (unconfirmed) phone. Refusals come back, not thrown, so that saving a profile
 * with a new number still saves it: invalid (no phone), conflict (already confirmed), rate limited (a minute
 * between codes, five a day), invalid (the provider refused the number), unavailable (the provider is down; the
 * code is void then).
 */
export async function sendPhoneCode(ctx: Ctx, user: UserRow): Promise<CodeSent> {
  const { db, now } = ctx;
  const phone = user.phone;
  if (!phone) return refused(invalid("no_phone", "Set a phone number first (PATCH /api/v1/me)."));
  if (user.phoneVerifiedAt) {
    return refused(conflict("phone_already_confirmed", `${phone} is already confirmed for this account.`));
  }
  const code = newPhoneCode();
  const expiresAt = new Date(now + CODE_MINUTES * 60_000).toISOString();
  const codeHash = await phoneCodeHash(user.id, phone, code);
  if (!(await storePhoneCode(db, { userId: user.id, phone, codeHash, expiresAt }, now))) {
    const seconds = retryAfterSeconds(await phoneCodeOf(db, user.id), now);
    return refused(
      rateLimited(
        "rate_limited",
        `A code can be texted once a minute and ${CODES_PER_DAY} times a day; try again in ${seconds} seconds.`,
        seconds,
      ),
    );
  }
  const result = await textCode(ctx.providers, phone, CODE_SMS[user.locale](code));
  // "unknown" (a timeout) may still have been delivered, so that code stays good.
  if (result.outcome === "reject" || result.outcome === "retry") {
    await voidPhoneCode(db, user.id);
    return refused(
      result.outcome === "reject"
        ? invalid("sms_rejected", `The SMS provider refused to text ${phone}: ${result.error}`.slice(0, 300))
        : new DomainError(
            "unavailable",
            "sms_unavailable",
            "The SMS provider could not take the code just now; try again later.",
          ),
    );
  }
  return { sent: true, expiresAt };
}

const noCode = () =>
  invalid("no_code", "No code is waiting for this phone; ask for one with POST /api/v1/me/phone/code.");
const tooManyTries = () =>
  new DomainError(
    "rate_limited",
    "too_many_attempts",
    `${MAX_CODE_ATTEMPTS} wrong codes: this code no longer works. Ask for a new one with POST /api/v1/me/phone/code.`,
  );

/**
 * Checks a typed code against the one texted to the user's current phone (constant-time) and, when it matches,
 * confirms the number for this account and takes it from any other that had confirmed it. Throws invalid
 * (not six digits, no code, expired, wrong: tries left named) or rate limited (too many tries); then nothing about
 * the phone changes.
 */
export async function confirmPhoneCode(
  ctx: Ctx,
  user: UserRow,
  typed: string,
): Promise<{ user: UserRow; released: UserRow[] }> {
  const { db, now } = ctx;
  const phone = user.phone;
  if (phone && user.phoneVerifiedAt) return { user, released: [] }; // a retry after a lost answer
  const row = await phoneCodeOf(db, user.id);
  if (!phone || !row?.codeHash || !row.expiresAt || row.phone !== phone) throw noCode();
  if (row.attempts >= MAX_CODE_ATTEMPTS) throw tooManyTries();
  const code = normalizeCode(typed);
  // Not a code at all (empty, letters): it could never match, so it costs no try.
  if (!/^\d{6}$/.test(code)) throw invalid("invalid_code", "code: the code is the 6 digits in the text.");
  if (Date.parse(row.expiresAt) <= now) {
    throw invalid("code_expired", `The code expired (codes last ${CODE_MINUTES} minutes); ask for a new one.`);
  }
  // Counted before comparing, in one statement: parallel guesses cannot get more tries than allowed.
  const attempts = await countCodeAttempt(db, user.id);
  if (attempts === null) throw tooManyTries();
  const given = await phoneCodeHash(user.id, phone, code);
  if (!(await secretsEqual(given, row.codeHash))) {
    const left = MAX_CODE_ATTEMPTS - attempts;
    throw invalid(
      "wrong_code",
      left > 0
        ? `That is not the code texted to ${phone}; ${left} ${left === 1 ? "try" : "tries"} left.`
        : `That is not the code texted to ${phone}, and it was the last try: ask for a new code.`,
      { attempts_left: left },
    );
  }
  try {
    const confirmed = await confirmPhoneNumber(db, user.id, phone, now);
    if (!confirmed.user) throw noCode(); // the number changed while the code was being typed
    return { user: confirmed.user, released: confirmed.released };
  } catch (error) {
    // Another account confirmed the same number at the same instant: the unique index keeps one of them.
    if (isUniqueViolation(error)) {
      throw conflict("phone_conflict", "That number was confirmed by another request just now; try again.");
    }
    throw error;
  }
}

/** E-mails each account that lost its confirmed number to another account, in its own language. */
export async function tellReleased(ctx: Ctx, released: UserRow[]): Promise<void> {
  const { providers, now } = ctx;
  for (const user of released) {
    const text = RELEASED_EMAIL[user.locale];
    const body = text.body(user.phone ?? "");
    if (!providers.email) {
      toLocalOutbox(user.email, `${text.subject}\n${body}`);
      continue;
    }
    const result = await providers.email.send({
      to: user.email,
      from: providers.from,
      subject: text.subject,
      text: body,
      html: body
        .split("\n\n")
        .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
        .join(""),
      idempotencyKey: `phone-released:${user.id}:${now}`,
    });
    if (result.outcome !== "sent") console.error(`phone release notice to ${user.id} not sent: ${result.error}`);
  }
}

/** The expiry of the code waiting for the user's current phone, or null (none, used, expired, other number). */
export function pendingCodeExpiry(user: UserRow, row: PhoneCodeRow | undefined, now: number): string | null {
  if (!user.phone || user.phoneVerifiedAt || !row?.codeHash || !row.expiresAt || row.phone !== user.phone) return null;
  return Date.parse(row.expiresAt) > now ? row.expiresAt : null;
}
