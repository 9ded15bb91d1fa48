// Rate limits per caller on Cloudflare's rate-limiting binding: per API token, per webhook and, for sign-in
// links, per e-mail address and per client IP. Over the limit is a 429 with Retry-After, before anything is stored.
import type { Context } from "hono";
import type { Env } from "../env";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

/**
 * The limits declared in wrangler.toml ([[ratelimits]]), which the binding does not report back: keep the two
 * in step (test/worker/rate-limit.test.ts crosses each limit at exactly this count). Periods can only be 10 or 60 s.
 */
export const RATE_LIMITS = {
  // Per API token. A person's scripts and integrations make a few calls a minute; 5 a second sustained is far
  // above that and still stops a runaway loop from taking D1 time from everyone else.
  API_RATE_LIMIT: { limit: 300, period: 60 },
  // Per webhook. An SMS forwarder posts once per SMS and a bank once per charge; 2 a second covers a burst of
  // texts or a sender retrying its backlog, and bounds what a leaked webhook URL can pour into storage.
  HOOK_RATE_LIMIT: { limit: 120, period: 60 },
  // Per e-mail address asking for a sign-in link: enough for "I did not get it, send again", too few to
  // flood anyone's mailbox (the same for registered and unknown addresses, so the answer reveals nothing).
  LOGIN_ADDRESS_RATE_LIMIT: { limit: 5, period: 60 },
  // Per client IP asking for sign-in links, whatever the address: one machine cannot spray links across many
  // mailboxes; high enough for an office or a carrier NAT sharing one address, since sessions last 30 days.
  LOGIN_IP_RATE_LIMIT: { limit: 20, period: 60 },
} as const satisfies Record<string, { limit: number; period: 10 | 60 }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** True while this key has requests left in the current window (and counts this one). */
export async function withinLimit(env: Env, name: RateLimitName, key: string): Promise<boolean> {
  try {
    return (await env[name].limit({ key })).success;
  } catch (error) {
    // The limiter guards against floods; it is not worth refusing real traffic when it is unreachable.
    console.error(`rate limiter ${name} failed; letting the request through`, error);
    return true;
  }
}

/**
 * Sets Retry-After on the answer. The binding does not say when the window ends, so this is the whole period:
 * never too early, at most one period late.
 */
export function retryAfter(c: Context, name: RateLimitName): number {
  const seconds = RATE_LIMITS[name].period;
  c.header("Retry-After", String(seconds));
  return seconds;
}

/** Throws the 429 envelope (code rate_limited, with Retry-After) once the key used up its window. */
export async function enforceLimit(c: Context<AppEnv>, name: RateLimitName, key: string, who: string) {
  if (await withinLimit(c.env, name, key)) return;
  const seconds = retryAfter(c, name);
  const { limit, period } = RATE_LIMITS[name];
  throw new ApiError(
    429,
    "rate_limited",
    `Too many requests ${who}: at most ${limit} per ${period} seconds. Try again in ${seconds} seconds.`,
  );
}
