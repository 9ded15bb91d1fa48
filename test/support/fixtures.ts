// The fixtures' bytes as the tests get them: vitest.config.ts readFixtures() hands every file under test/fixtures/
// that a manifest names, and every file in test/fixtures/inline/ (whole messages one test reads), to workerd as
// base64 in the TEST_FIXTURES binding (no file system inside workerd).
import { env } from "cloudflare:workers";
import { fixtureInbound } from "./fixture-inbound.mjs";
import type { FixtureEntry } from "./fixture-types";

/** The bytes of a file under test/fixtures/, by its path there ("email/x.eml", "inline/y.eml"). */
export function fixtureFile(file: string): Uint8Array {
  const base64 = env.TEST_FIXTURES.files[file];
  if (base64 === undefined) throw new Error(`missing fixture file ${file}`);
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** A fixture file's text, decoded as UTF-8: for tests that hand the Worker a raw message as a string. */
export function fixtureText(file: string): string {
  return new TextDecoder().decode(fixtureFile(file));
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
