// The iCal feed: GET /me/calendar hands out its URL, /me/calendar/rotate revokes it, and the URL itself
// (signed with LINK_SECRET over the user's calendar nonce) opens the feed without a token, as calendar
// apps need. Nothing secret is stored: the URL can be shown again, and a new nonce invalidates the old one.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { CalendarFeed } from "../../schema/calendar-feed";
import type { UserRow } from "../../schema/tables";
import { localDate } from "../calendar";
import { renderFeed } from "../calendar-feed";
import type { Db } from "../db/client";
import { membershipsOfUser } from "../db/memberships";
import { firstCalendarNonce, updateUser, userById } from "../db/users";
import { fromBase64Url, hmacKey as key, linksFrom, toBase64Url } from "../links";
import { requireUser } from "./auth";
import { type AppEnv, newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { errorResponses, jsonContent } from "./openapi";

const message = (userId: string, nonce: string) => new TextEncoder().encode(`calendar\n${userId}\n${nonce}`);

const newNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

async function feedUrl(publicUrl: string, secret: string, userId: string, nonce: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await key(secret), message(userId, nonce));
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
  new ApiError(404, "calendar_disabled", "The calendar feed needs LINK_SECRET to be configured on this Worker.");

/** The signed-in user's feed URL (GET /me/calendar and the settings page); 404 without LINK_SECRET. */
export async function calendarUrl(c: Context<AppEnv>): Promise<string> {
  const links = linksFrom(c.env);
  if (!links) throw linksOff();
  const user = c.var.user;
  return feedUrl(links.publicUrl, links.secret, user.id, await calendarNonce(c.var.db, user));
}

/** A new feed URL for the signed-in user; the old one stops working at once. */
export async function rotateCalendarUrl(c: Context<AppEnv>): Promise<string> {
  const links = linksFrom(c.env);
  if (!links) throw linksOff();
  const user = c.var.user;
  const nonce = newNonce();
  await updateUser(c.var.db, user.id, { calendarNonce: nonce, updatedAt: new Date(c.var.now).toISOString() });
  return feedUrl(links.publicUrl, links.secret, user.id, nonce);
}

const secured = { security: [{ Bearer: [] }], middleware: requireUser, tags: ["users"] };

export const calendarApiRouter = newRouter()
  .openapi(
    createRoute({
      ...secured,
      method: "get",
      path: "/me/calendar",
      summary:
        "The secret URL of your iCal feed (renewals for the next 12 months, cancellation deadlines, trial endings). " +
        "Subscribe to it from any calendar app; it works without a token.",
      responses: {
        200: jsonContent(CalendarFeed, "The feed URL."),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json({ url: await calendarUrl(c) }, 200),
  )
  .openapi(
    createRoute({
      ...secured,
      method: "post",
      path: "/me/calendar/rotate",
      summary: "A new feed URL; the old one stops working at once (404). Use it when the URL has leaked.",
      responses: {
        200: jsonContent(CalendarFeed, "The new feed URL."),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json({ url: await rotateCalendarUrl(c) }, 200),
  );

// What calendar apps fetch. Every failure is the same 404, so the URL reveals nothing about which part is wrong.
export const calendarFeedRouter = newRouter();
calendarFeedRouter.get("/calendar/:userId/:file", async (c) => {
  const secret = c.env.LINK_SECRET;
  const userId = c.req.param("userId");
  const file = c.req.param("file");
  const signature = file.endsWith(".ics") ? fromBase64Url(file.slice(0, -".ics".length)) : null;
  if (!secret || !signature || !/^usr_[a-z2-7]{16}$/.test(userId)) throw notFound("Calendar");
  const user = await userById(c.var.db, userId);
  const valid =
    Boolean(user?.calendarNonce) &&
    (await crypto.subtle.verify("HMAC", await key(secret), signature, message(userId, user?.calendarNonce as string)));
  if (!user || !valid) throw notFound("Calendar");
  const memberships = await membershipsOfUser(c.var.db, user.id);
  const now = c.var.now;
  const body = renderFeed(
    memberships,
    { locale: user.locale, leadDays: user.leadDays },
    localDate(now, user.timezone),
    now,
  );
  return c.body(body, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": "private, max-age=900",
    // The URL is the credential: it must not leak through a Referer either.
    "Referrer-Policy": "no-referrer",
  });
});
