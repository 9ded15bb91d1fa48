// What the database holds, as one string, so a test can show that a refused request stored, changed or used up
// nothing: every row of the user-data tables, sign-in links and sessions included.
import { env } from "cloudflare:workers";

/** The tables that grow with users, notices and time. */
export const GROWING_TABLES = [
  "users",
  "api_tokens",
  "memberships",
  "cancellations",
  "inbound_messages",
  "inbound_originals",
  "events",
  "alerts",
  "deliveries",
];

const TABLES = [...GROWING_TABLES, "login_links", "web_sessions"];

export async function storedRows(): Promise<string> {
  const results = await env.DB.batch(TABLES.map((table) => env.DB.prepare(`select * from ${table} order by rowid`)));
  return JSON.stringify(results.map((result) => result.results));
}
