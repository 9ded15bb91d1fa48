// The Worker: HTTP (API, webhooks, pages), inbound e-mail and the cron sweep. Wiring only.
import { sweep } from "./cron";
import { database } from "./db/client";
import type { Env } from "./env";
import { buildApp } from "./http/app";
import { receiveEmail } from "./inbound/email";

const app = buildApp();

export default {
  fetch: app.fetch,

  async email(message, env, _ctx) {
    await receiveEmail(database(env.DB), env.RAW, message, Date.now());
  },

  async scheduled(controller, env, _ctx) {
    const report = await sweep(database(env.DB), env.RAW, controller.scheduledTime);
    console.log("sweep", new Date(controller.scheduledTime).toISOString(), JSON.stringify(report));
  },
} satisfies ExportedHandler<Env>;
