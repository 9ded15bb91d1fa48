// Who is calling: users by Bearer API token (looked up by its SHA-256), the operator by ADMIN_TOKEN
// (compared in constant time). Both answer 401 with the error envelope when the token is wrong; a known
// API token past its rate limit answers 429.
import { createMiddleware } from "hono/factory";
import { userByApiTokenHash } from "../db/users";
import { secretsEqual, sha256Hex } from "../secrets/tokens";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";
import { enforceLimit } from "./rate-limit";

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

const missing = () => new ApiError(401, "unauthorized", "Send your API token as 'Authorization: Bearer <token>'.");

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw missing();
  const tokenHash = await sha256Hex(token);
  const user = await userByApiTokenHash(c.var.db, tokenHash);
  if (!user) throw new ApiError(401, "unauthorized", "That API token is unknown or revoked.");
  // Counted only once the token is known: a stranger guessing tokens cannot use up a real user's window
  // (keyed by the hash, so the token itself never leaves the Worker).
  await enforceLimit(c, "API_RATE_LIMIT", tokenHash, "with this API token");
  c.set("user", user);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (!expected) throw new ApiError(403, "admin_disabled", "ADMIN_TOKEN is not configured on this Worker.");
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw missing();
  if (!(await secretsEqual(token, expected))) throw new ApiError(401, "unauthorized", "That admin token is wrong.");
  await next();
});
