// The Worker: HTTP (API, webhooks, pages), inbound e-mail and the cron sweep. Wiring only.

import { deliverDue } from "./deliver/outbox";
import type { Env } from "./env";
import { buildApp } from "./http/app";
import { receiveEmail } from "./inbound/email";
import { contextFrom } from "./services/context";
import { sweep } from "./services/sweep";
import { clockNow } from "./time/clock";

const app = buildApp();

export default {
  fetch: app.fetch,

  async email(message, env, execution) {
    const ctx = contextFrom(env, clockNow(), (work) => execution.waitUntil(work));
    const outcome = await receiveEmail(ctx, message, ctx.now);
    // Alerts it raised go out at once; the sweep retries whatever does not.
    if (outcome.outcome === "accepted" && outcome.result.alerts > 0)
      ctx.later(deliverDue(ctx.db, ctx.providers, ctx.now, outcome.userId));
  },

  async scheduled(controller, env, execution) {
    const ctx = contextFrom(env, controller.scheduledTime, (work) => execution.waitUntil(work));
    const report = await sweep(ctx);
    console.log("sweep", new Date(controller.scheduledTime).toISOString(), JSON.stringify(report));
  },
} satisfies ExportedHandler<Env>;
