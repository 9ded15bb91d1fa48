// A membership's timeline, the dispute kit (GET /memberships/{id}/timeline): JSON, or a printable page.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Timeline, type TimelineEntryOutput, type TimelineOutput, TimelineQuery } from "../../schema/alerts";
import { IdParam } from "../../schema/common";
import type { UserRow } from "../../schema/tables";
import type { MembershipWithCancellations } from "../db/memberships";
import { membershipOfUser, ownerOfMembership } from "../db/memberships";
import { type TimelineAlertRow, type TimelineEventRow, timelineOf } from "../db/timeline";
import { verifyTimelineLink } from "../secrets/links";
import type { Locale } from "../texts/alerts";
import { alertTitle } from "../texts/in-locale";
import { presentResolution } from "./alerts";
import { type AppEnv, newRouter } from "./context";
import { ApiError, notFound } from "./errors";
import { presentMembership } from "./memberships";
import { wantsHtml } from "./negotiate";
import { errorResponses, userRoute } from "./openapi";
import { errorPage } from "./pages/error-page";
import { renderTimelinePage } from "./pages/timeline";

// Entries at the same instant read cause first: the membership, then what happened, then what we said.
const TYPE_ORDER: Record<TimelineEntryOutput["type"], number> = {
  membership_created: 0,
  event: 1,
  cancellation: 2,
  alert: 3,
};

/** Every entry of the timeline in time order (instants compared as instants: offsets may differ), alerts titled in `locale`. */
export function timelineEntries(
  membership: MembershipWithCancellations,
  events: TimelineEventRow[],
  alerts: TimelineAlertRow[],
  locale: Locale,
): TimelineEntryOutput[] {
  const presented = presentMembership(membership);
  const entries: TimelineEntryOutput[] = [
    {
      type: "membership_created",
      at: membership.createdAt,
      membership_id: membership.id,
      terms: {
        name: presented.name,
        merchant_aliases: presented.merchant_aliases,
        amount_minor: presented.amount_minor,
        currency: presented.currency,
        cycle_unit: presented.cycle_unit,
        cycle_count: presented.cycle_count,
        next_renewal_on: presented.next_renewal_on,
        auto_renew: presented.auto_renew,
        channel: presented.channel,
        cancel_notice_days: presented.cancel_notice_days,
        refund_window_days: presented.refund_window_days,
        trial_ends_on: presented.trial_ends_on,
        cancel_url: presented.cancel_url,
        cancel_steps: presented.cancel_steps,
        support_contact: presented.support_contact,
      },
    },
    ...events.map(
      (event): TimelineEntryOutput => ({
        type: "event",
        at: event.occurredAt,
        event_id: event.id,
        kind: event.kind,
        amount_minor: event.amountMinor,
        currency: event.currency,
        merchant: event.merchant,
        occurred_at: event.occurredAt,
        reference: event.reference,
        card_tail: event.cardTail,
        channel: event.channel,
        inbound_message_id: event.inboundMessageId,
        source: event.message?.source ?? null,
        sender: event.message?.sender ?? null,
        subject: event.message?.subject ?? null,
        received_at: event.message?.receivedAt ?? null,
        raw_size: event.message?.rawSize ?? null,
      }),
    ),
    ...membership.cancellations.map(
      (cancellation): TimelineEntryOutput => ({
        type: "cancellation",
        at: cancellation.cancelledAt,
        cancellation_id: cancellation.id,
        side: cancellation.side,
        cancelled_at: cancellation.cancelledAt,
        reference: cancellation.reference,
        evidence: cancellation.evidence,
      }),
    ),
    ...alerts.map(
      (alert): TimelineEntryOutput => ({
        type: "alert",
        at: alert.createdAt,
        alert_id: alert.id,
        kind: alert.kind,
        title: alertTitle(alert, locale),
        created_at: alert.createdAt,
        state: alert.state,
        resolution: presentResolution(alert),
      }),
    ),
  ];
  const instant = (entry: TimelineEntryOutput) => {
    const ms = Date.parse(entry.at);
    return Number.isNaN(ms) ? 0 : ms;
  };
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        instant(a.entry) - instant(b.entry) || TYPE_ORDER[a.entry.type] - TYPE_ORDER[b.entry.type] || a.index - b.index,
    )
    .map(({ entry }) => entry);
}

export const timelineRouter = newRouter().openapi(
  userRoute("memberships", {
    method: "get",
    path: "/memberships/{id}/timeline",
    summary:
      "The dispute kit: the membership's terms, every matched event with its original message, every " +
      "cancellation with its evidence and every alert, in time order. ?format=html (or Accept: text/html) " +
      "gives a printable page in your language with where to ask for a refund.",
    request: { params: IdParam, query: TimelineQuery },
    responses: {
      200: {
        description: "The timeline.",
        content: {
          "application/json": { schema: Timeline },
          "text/html": { schema: z.string().openapi({ description: "A printable, self-contained page." }) },
        },
      },
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { format } = c.req.valid("query");
    return respondWithTimeline(c, c.var.user, id, wantsHtml(format, c.req.header("accept")));
  },
);

/** The timeline of the user's membership as JSON or as the printable page; 404 when it is not theirs. */
async function respondWithTimeline(c: Context<AppEnv>, user: UserRow, id: string, html: boolean) {
  const { db, now } = c.var;
  const membership = await membershipOfUser(db, user.id, id);
  if (!membership) throw notFound("Membership");
  const history = await timelineOf(db, user.id, id);
  const timeline: TimelineOutput = {
    membership: presentMembership(membership),
    entries: timelineEntries(membership, history.events, history.alerts, user.locale),
  };
  c.header("Vary", "Accept");
  if (html) {
    // The page is the user's evidence: nobody else's cache should keep it.
    c.header("Cache-Control", "private, no-store");
    // No scripts, no outside resources: even a value that slipped past escaping could not run.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    // A signed link must not leak through the Referer of links on the page.
    c.header("Referrer-Policy", "no-referrer");
    return c.html(renderTimelinePage(timeline, { locale: user.locale, timeZone: user.timezone, now }), 200);
  }
  return c.json(timeline, 200);
}

// The link in alert e-mails and SMS: the signature is the credential, so the page opens without signing in.
export const timelinePageRouter = newRouter();
timelinePageRouter.get("/timeline/:id", async (c) => {
  const id = c.req.param("id");
  const secret = c.env.LINK_SECRET;
  const valid =
    Boolean(secret) &&
    /^mem_[a-z2-7]{16}$/.test(id) &&
    (await verifyTimelineLink(secret as string, id, c.req.query("exp"), c.req.query("sig"), c.var.now));
  // Opened from an alert in a browser: a page that says what to do; scripts keep the JSON envelope.
  const browser = wantsHtml(c.req.query("format"), c.req.header("accept"));
  if (!valid) {
    if (browser) {
      c.header("Referrer-Policy", "no-referrer");
      const membership = /^mem_[a-z2-7]{16}$/.test(id) ? `/app/memberships/${id}` : "/app/memberships";
      return errorPage(c, 403, "timelineLink", { href: membership, label: "membership" });
    }
    throw new ApiError(403, "invalid_link", "This link is invalid or has expired; a newer alert carries a fresh one.");
  }
  const owner = await ownerOfMembership(c.var.db, id);
  if (!owner) {
    if (browser) return errorPage(c, 404, "notFound");
    throw notFound("Membership");
  }
  return respondWithTimeline(c, owner, id, true);
});
