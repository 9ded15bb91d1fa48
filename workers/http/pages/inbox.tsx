// Dashboard: inbox (placeholder until built).
import { Hono } from "hono";
import type { PageEnv } from "../session";
import { Layout } from "./layout";

export const inboxPages = new Hono<PageEnv>();

inboxPages.get("/", (c) =>
  c.html(
    <Layout locale={c.var.user.locale} title="Inbox" section="inbox" csrf={c.var.csrf}>
      <h1>Inbox</h1>
    </Layout>,
  ),
);
