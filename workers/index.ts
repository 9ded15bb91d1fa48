// The Worker: HTTP (API, webhooks, pages), inbound e-mail and the cron sweep. Wiring only.
import { clockNow } from "./clock";
import { sweep } from "./cron";
import { database } from "./db/client";
import { deliverDue, providersFrom } from "./deliver/outbox";
import type { Env } from "./env";
import { buildApp } from "./http/app";
import { receiveEmail } from "./inbound/email";
import { linksFrom } from "./links";

const app = buildApp();

export default {
  fetch: app.fetch,

  async email(message, env, ctx) {
    const db = database(env.DB);
    const now = clockNow();
    const outcome = await receiveEmail({ db, raw: env.RAW, links: linksFrom(env) }, message, now);
    // Alerts it raised go out at once; the sweep retries whatever does not.
    if (outcome.outcome === "accepted" && outcome.result.alerts > 0)
      ctx.waitUntil(deliverDue(db, providersFrom(env), now, outcome.userId));
  },

  async scheduled(controller, env, _ctx) {
    const report = await sweep(database(env.DB), env.RAW, providersFrom(env), linksFrom(env), controller.scheduledTime);
    console.log("sweep", new Date(controller.scheduledTime).toISOString(), JSON.stringify(report));
  },
} satisfies ExportedHandler<Env>;
