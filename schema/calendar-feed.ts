// The shape of /me/calendar: the user's iCal feed URL. See common.ts.
import { z } from "@hono/zod-openapi";

export const CalendarFeed = z
  .object({
    url: z.string().openapi({
      description:
        "Your iCal feed of renewals, cancellation deadlines and trial endings. The URL is its own credential: " +
        "anyone who has it can read the feed, so rotate it if it leaks.",
      example: "https://watchdog.example.com/calendar/usr_k2m9q4x8w3n5p6r7/Wq3…xA.ics",
    }),
  })
  .openapi("CalendarFeed");
