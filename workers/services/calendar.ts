// The user's iCal feed URL: handed out (the API and the settings page), rotated (a new nonce revokes the old
// URL at once) and, for the feed's door, checked and rendered. The URL is signed with LINK_SECRET over the
// user's calendar nonce; nothing secret is stored, so it can be shown again.
import type { UserRow } from "../../schema/tables";
import type { Db } from "../db/client";
import { membershipsOfUser } from "../db/memberships";
import { firstCalendarNonce, updateUser, userById } from "../db/users";
import { fromBase64Url, hmacKey, toBase64Url } from "../secrets/links";
import { renderFeed } from "../time/ical";
import { localDate } from "../time/zones";
import type { Ctx, UserCtx } from "./context";
import { DomainError, notFound } from "./errors";

const message = (userId: string, nonce: string) => new TextEncoder().encode(`calendar\n${userId}\n${nonce}`);

const newNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

async function feedUrl(publicUrl: string, secret: string, userId: string, nonce: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), message(userId, nonce));
  return `${publicUrl}/calendar/${userId}/${toBase64Url(signature)}.ics`;
}

/** The user's nonce, made on first use; of two first requests racing, the first write wins for both. */
async function calendarNonce(db: Db, user: UserRow): Promise<string> {
  if (user.calendarNonce) return user.calendarNonce;
  const nonce = await firstCalendarNonce(db, user.id, newNonce());
  if (!nonce) throw new Error("calendar nonce was not stored");
  return nonce;
}

const linksOff = () =>
  new DomainError(
    "not_found",
    "calendar_disabled",
    "The calendar feed needs LINK_SECRET to be configured on this Worker.",
  );

/** The user's feed URL; not found (calendar_disabled) without LINK_SECRET. */
export async function calendarUrl(ctx: UserCtx): Promise<string> {
  if (!ctx.links) throw linksOff();
  return feedUrl(ctx.links.publicUrl, ctx.links.secret, ctx.user.id, await calendarNonce(ctx.db, ctx.user));
}

/** A new feed URL for the user; the old one stops working at once. */
export async function rotateCalendarUrl(ctx: UserCtx): Promise<string> {
  if (!ctx.links) throw linksOff();
  const nonce = newNonce();
  await updateUser(ctx.db, ctx.user.id, { calendarNonce: nonce, updatedAt: new Date(ctx.now).toISOString() });
  return feedUrl(ctx.links.publicUrl, ctx.links.secret, ctx.user.id, nonce);
}

/**
 * The feed a calendar app fetched with `userId` and `file` (`<signature>.ics`) from its URL. Every failure is
 * the same not found, so the URL reveals nothing about which part is wrong.
 */
export async function calendarFeed(ctx: Ctx, userId: string, file: string): Promise<string> {
  const signature = file.endsWith(".ics") ? fromBase64Url(file.slice(0, -".ics".length)) : null;
  if (!ctx.links || !signature || !/^usr_[a-z2-7]{16}$/.test(userId)) throw notFound("Calendar");
  const user = await userById(ctx.db, userId);
  const nonce = user?.calendarNonce;
  const valid =
    Boolean(nonce) &&
    (await crypto.subtle.verify("HMAC", await hmacKey(ctx.links.secret), signature, message(userId, nonce as string)));
  if (!user || !valid) throw notFound("Calendar");
  const memberships = await membershipsOfUser(ctx.db, user.id);
  return renderFeed(
    memberships,
    { locale: user.locale, leadDays: user.leadDays },
    localDate(ctx.now, user.timezone),
    ctx.now,
  );
}
