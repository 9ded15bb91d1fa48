// The iCal feed's doors: GET /me/calendar hands out its URL, /me/calendar/rotate revokes it, and the URL itself
// opens the feed without a token, as calendar apps need (services/calendar.ts signs and checks it).
import { CalendarFeed } from "../../schema/calendar-feed";
import { calendarFeed, calendarUrl, rotateCalendarUrl } from "../services/calendar";
import { newRouter, userCtx } from "./context";
import { errorResponses, jsonContent, userRoute } from "./openapi";

export const calendarApiRouter = newRouter()
  .openapi(
    userRoute("users", {
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
    async (c) => c.json({ url: await calendarUrl(userCtx(c)) }, 200),
  )
  .openapi(
    userRoute("users", {
      method: "post",
      path: "/me/calendar/rotate",
      summary: "A new feed URL; the old one stops working at once (404). Use it when the URL has leaked.",
      responses: {
        200: jsonContent(CalendarFeed, "The new feed URL."),
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json({ url: await rotateCalendarUrl(userCtx(c)) }, 200),
  );

// What calendar apps fetch. Every failure is the same 404, so the URL reveals nothing about which part is wrong.
export const calendarFeedRouter = newRouter();
calendarFeedRouter.get("/calendar/:userId/:file", async (c) => {
  const body = await calendarFeed(c.var.ctx, c.req.param("userId"), c.req.param("file"));
  return c.body(body, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": "private, max-age=900",
    // The URL is the credential: it must not leak through a Referer either.
    "Referrer-Policy": "no-referrer",
  });
});
