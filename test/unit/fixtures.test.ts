// Every fixture in test/fixtures/ yields exactly its expected event through the pure reading code, with the
// fixture's own receipt time (end to end through the Worker: test/worker/fixtures-through-handlers.test.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { interpret } from "../../workers/inbound/interpret";
import { localDate } from "../../workers/time/zones";
import UNSEEN_MISSES_JSON from "../fixtures/unseen-misses.json";
import type { FixtureEntry } from "../support/fixture-types";
import { asInbound } from "../support/fixtures";

const UNSEEN_MISSES: Record<string, string[]> = UNSEEN_MISSES_JSON;

const { manifest, unseen } = env.TEST_FIXTURES;

/** What the Worker reads from a fixture: the nine fields (occurred_at as its date in the fixture's zone) and the legal name. */
async function readFixture(entry: FixtureEntry) {
  const { source, bytes, contentType } = asInbound(entry);
  const event = await interpret({
    user: { timezone: entry.zone },
    source,
    dedupeKey: entry.file,
    bytes,
    contentType,
    receivedAt: Date.parse(entry.received_at),
  });
  const { occurred_at, provenance: _provenance, ...rest } = event;
  return {
    ...rest,
    merchant_legal: rest.merchant_legal ?? null,
    occurred_on: localDate(Date.parse(occurred_at), entry.zone),
  };
}

const expected = (entry: FixtureEntry) => ({ ...entry.expect, merchant_legal: entry.merchant_legal ?? null });

describe("fixtures", () => {
  it("has at least 40 realistic notices", () => {
    expect(manifest.length).toBeGreaterThanOrEqual(40);
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))(
    "%s yields its expected event",
    async (_file, entry) => {
      expect(await readFixture(entry)).toEqual(expected(entry));
    },
  );
});

// The unseen set was written apart from the readers (test/fixtures/unseen/README.md). Each notice is read exactly
// right except in the fields test/fixtures/unseen-misses.json still lists for it: a new miss fails, and so does a
// listed miss that is now read right (take it off the list: `SCORE_WRITE_MISSES=1 npm run score`).
describe("unseen fixtures", () => {
  it("has at least 120 notices", () => {
    expect(unseen.length).toBeGreaterThanOrEqual(120);
  });

  it.each(unseen.map((entry) => [entry.file, entry] as const))(
    "%s is read right but for its listed misses",
    async (_file, entry) => {
      const read: Record<string, unknown> = await readFixture(entry);
      const want: Record<string, unknown> = expected(entry);
      const wrong = Object.keys(want).filter((field) => read[field] !== want[field]);
      const listed = UNSEEN_MISSES[entry.file] ?? [];
      expect(wrong.sort(), JSON.stringify(read)).toEqual([...listed].sort());
    },
  );
});
