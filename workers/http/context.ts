// The typed Hono context every route sees: bindings, the drizzle client and the signed-in user.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { UserRow } from "../../schema/tables";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { asUser, type Ctx, type UserCtx } from "../services/context";
import { validationError } from "./errors";

export type AppEnv = {
  Bindings: Env;
  // sessionId and csrf are set for dashboard pages only (http/session.ts).
  // ctx is the services' context for this request (app.ts builds it once); db and now are the same as its.
  Variables: { ctx: Ctx; db: Db; user: UserRow; now: number; sessionId: string; csrf: string };
};

/** The services' context acting for the signed-in user (API token or dashboard session). */
export const userCtx = (c: Context<AppEnv>): UserCtx => asUser(c.var.ctx, c.var.user);

/** A router whose validation failures become the API's 400 envelope naming the bad field. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
