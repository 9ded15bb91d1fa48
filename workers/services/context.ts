// One context per invocation, built once by each door (the app middleware, the email and scheduled handlers)
// and handed to every service: the database, the originals' bucket, how alerts link and send, and the time.
import type { UserRow } from "../../schema/tables";
import { type Db, database } from "../db/client";
import { type Providers, providersFrom } from "../deliver/outbox";
import type { Env } from "../env";
import { type Links, linksFrom } from "../secrets/links";

export interface Ctx {
  db: Db;
  /** Original inbound messages, kept as evidence. */
  raw: R2Bucket;
  /** Signs timeline links in alerts (null: LINK_SECRET unset, alerts carry no link). */
  links: Links | null;
  providers: Providers;
  /** The invocation's instant: a request's arrival, a message's receipt, a cron's scheduled time. */
  now: number;
  /** Work that may finish after the answer (delivering what an operation raised); the sweep retries what fails. */
  later(work: Promise<unknown>): void;
  /** What a service needs to say where things are: the Worker's public address and inbound mail domain. */
  site: Pick<Env, "PUBLIC_URL" | "INBOUND_DOMAIN" | "LINK_SECRET">;
}

/** A context acting for one user (signed in, or known by the address or number a message came to). */
export interface UserCtx extends Ctx {
  user: UserRow;
}

export function contextFrom(env: Env, now: number, later: (work: Promise<unknown>) => void): Ctx {
  return {
    db: database(env.DB),
    raw: env.RAW,
    links: linksFrom(env),
    providers: providersFrom(env),
    now,
    later,
    site: { PUBLIC_URL: env.PUBLIC_URL, INBOUND_DOMAIN: env.INBOUND_DOMAIN, LINK_SECRET: env.LINK_SECRET },
  };
}

export const asUser = (ctx: Ctx, user: UserRow): UserCtx => ({ ...ctx, user });
