// Dashboard: home (placeholder until built).
import { Hono } from "hono";
import type { PageEnv } from "../session";
import { Layout } from "./layout";

export const homePages = new Hono<PageEnv>();

homePages.get("/", (c) =>
  c.html(
    <Layout locale={c.var.user.locale} title="Home" section="home" csrf={c.var.csrf}>
      <h1>Home</h1>
    </Layout>,
  ),
);
