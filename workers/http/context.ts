// The typed Hono context every route sees: bindings, the drizzle client and the signed-in user.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { UserRow } from "../../schema/tables";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { validationError } from "./errors";

export type AppEnv = {
  Bindings: Env;
  // sessionId and csrf are set for dashboard pages only (http/session.ts).
  Variables: { db: Db; user: UserRow; now: number; sessionId: string; csrf: string };
};

/** A router whose validation failures become the API's 400 envelope naming the bad field. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
