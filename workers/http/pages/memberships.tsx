// Dashboard: memberships (placeholder until built).
import { Hono } from "hono";
import type { PageEnv } from "../session";
import { Layout } from "./layout";

export const membershipsPages = new Hono<PageEnv>();

membershipsPages.get("/", (c) =>
  c.html(
    <Layout locale={c.var.user.locale} title="Memberships" section="memberships" csrf={c.var.csrf}>
      <h1>Memberships</h1>
    </Layout>,
  ),
);
