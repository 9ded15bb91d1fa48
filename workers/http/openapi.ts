// Small builders that keep route definitions short and their OpenAPI entries uniform.
import { createRoute, type RouteConfig, type z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../../schema/common";
import { requireUser } from "./auth";

const ERROR_DESCRIPTIONS = {
  400: "Invalid request: the error names the bad field.",
  401: "Missing, unknown or revoked token.",
  404: "Not found (or not yours).",
  409: "Conflicts with existing data.",
  413: "Body too large.",
} as const;

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** A required JSON body: a missing or non-JSON body is a 400, never an empty object. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

export function errorResponses<S extends keyof typeof ERROR_DESCRIPTIONS>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, jsonContent(ErrorEnvelope, ERROR_DESCRIPTIONS[status])]),
  ) as Record<S, ReturnType<typeof jsonContent<typeof ErrorEnvelope>>>;
}

/** A route behind the user's API token (http/auth.ts), listed in the OpenAPI document under `tag`. */
export function userRoute<const R extends Omit<RouteConfig, "security" | "middleware" | "tags">>(
  tag: string,
  route: R,
) {
  return createRoute({ security: [{ Bearer: [] }], middleware: requireUser, tags: [tag], ...route });
}
