// The Worker's bindings and settings, typed once (see wrangler.toml and .dev.vars.example).
export interface Env {
  DB: D1Database;
  /** Original inbound messages (raw e-mail, webhook bodies), kept as evidence. */
  RAW: R2Bucket;
  ADMIN_TOKEN?: string;
  /** Signs the timeline links in alerts; without it alerts carry no link. */
  LINK_SECRET?: string;
  PUBLIC_URL: string;
  INBOUND_DOMAIN: string;
  ALERT_FROM: string;
  RESEND_API_KEY?: string;
  RESEND_BASE_URL: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  TWILIO_BASE_URL: string;
  /** How long a provider call may take before it counts as a timeout (ms; default 10 s). */
  PROVIDER_TIMEOUT_MS?: string;
  /** Deliveries one invocation may send (default 40, under the Free plan's 50 subrequests). */
  SENDS_PER_RUN?: string;
  /** Rate limits ([[ratelimits]] in wrangler.toml; the values and their reasons: http/rate-limit.ts). */
  API_RATE_LIMIT: RateLimit;
  HOOK_RATE_LIMIT: RateLimit;
  LOGIN_ADDRESS_RATE_LIMIT: RateLimit;
  LOGIN_IP_RATE_LIMIT: RateLimit;
}

type WorkerEnv = Env;

declare global {
  namespace Cloudflare {
    // `import { env } from "cloudflare:workers"` (used by tests) sees the same bindings.
    interface Env extends WorkerEnv {}
  }
}
