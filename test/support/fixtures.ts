// The fixtures' bytes as the tests get them: vitest.config.ts readFixtures() hands every file under test/fixtures/
// that a manifest names to workerd as base64 in the TEST_FIXTURES binding (no file system inside workerd).
import { env } from "cloudflare:workers";
import { fixtureInbound } from "./fixture-inbound.mjs";
import type { FixtureEntry } from "./fixture-types";

/** The bytes of a file under test/fixtures/, by its path there ("email/x.eml"). */
export function fixtureFile(file: string): Uint8Array {
  const base64 = env.TEST_FIXTURES.files[file];
  if (base64 === undefined) throw new Error(`missing fixture file ${file}`);
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

export function fixtureBytes(entry: FixtureEntry): Uint8Array {
  return fixtureFile(entry.file);
}

/** The fixture as the Worker receives it (see test/support/fixture-inbound.mjs). */
export function asInbound(entry: FixtureEntry): {
  source: "email" | "webhook";
  bytes: Uint8Array;
  contentType: string;
} {
  return fixtureInbound(entry, fixtureBytes(entry));
}
