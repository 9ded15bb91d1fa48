// Dashboard: settings (placeholder until built).
import { Hono } from "hono";
import type { PageEnv } from "../session";
import { Layout } from "./layout";

export const settingsPages = new Hono<PageEnv>();

settingsPages.get("/", (c) =>
  c.html(
    <Layout locale={c.var.user.locale} title="Settings" section="settings" csrf={c.var.csrf}>
      <h1>Settings</h1>
    </Layout>,
  ),
);
