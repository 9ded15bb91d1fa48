// How well the readers read the fixtures: every notice in test/fixtures/notices.json (the tuned set) and in
// test/fixtures/unseen/*.json (the blind set, written apart from the reader code), read the way the Worker reads
// it, compared field by field with the event a careful person reads from it. Used by `npm run score` (with the
// misses) and by `npm run bench` (the accuracy line). Runs in Node on the reader bundle (reader-bundle.mjs).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fixtureInbound } from "../../test/support/fixture-inbound.mjs";

export const FIELDS = [
  "kind",
  "amount_minor",
  "currency",
  "merchant",
  "occurred_on",
  "reference",
  "card_tail",
  "channel",
  "renews_at",
];

/** The manifests: the tuned set, then each unseen group (test/fixtures/unseen/<group>.json). */
export function loadSets(fixtures) {
  const sets = [{ name: "tuned", entries: JSON.parse(readFileSync(path.join(fixtures, "notices.json"), "utf8")) }];
  const unseen = path.join(fixtures, "unseen");
  if (existsSync(unseen)) {
    for (const name of readdirSync(unseen)
      .filter((file) => file.endsWith(".json"))
      .sort()) {
      sets.push({
        name: `unseen/${name.replace(/\.json$/, "")}`,
        entries: JSON.parse(readFileSync(path.join(unseen, name), "utf8")),
      });
    }
  }
  return sets;
}

/** The fixture as the Worker receives it, the way test/unit/fixtures.test.ts posts it. */
function inbound(entry, fixtures) {
  return fixtureInbound(entry, new Uint8Array(readFileSync(path.join(fixtures, entry.file))));
}

/** Reads one fixture with `reader.interpret`; the event's fields that differ from its expectation. */
export async function scoreEntry(reader, entry, fixtures) {
  let got;
  try {
    const event = await reader.interpret({
      user: { timezone: entry.zone },
      dedupeKey: entry.file,
      receivedAt: Date.parse(entry.received_at),
      ...inbound(entry, fixtures),
    });
    const { occurred_at, ...rest } = event;
    got = { ...rest, occurred_on: reader.localDate(Date.parse(occurred_at), entry.zone) };
  } catch (error) {
    return { entry, got: null, wrong: FIELDS, legal: [], error: String(error) };
  }
  const wrong = FIELDS.filter((field) => got[field] !== entry.expect[field]);
  // The legal name is checked beside the nine (test/unit/fixtures.test.ts does too), not counted in "exact".
  const legal = (got.merchant_legal ?? null) === (entry.merchant_legal ?? null) ? [] : ["merchant_legal"];
  return { entry, got, wrong, legal };
}

/** Every set's results: exact (all nine fields right) and per field. */
export async function scoreSets(reader, fixtures) {
  const results = [];
  for (const set of loadSets(fixtures)) {
    const scored = [];
    for (const entry of set.entries) scored.push(await scoreEntry(reader, entry, fixtures));
    const exact = scored.filter((result) => result.wrong.length === 0).length;
    const fields = Object.fromEntries(
      FIELDS.map((field) => [field, scored.filter((result) => !result.wrong.includes(field)).length]),
    );
    results.push({ name: set.name, total: scored.length, exact, fields, scored });
  }
  return results;
}

/** The unseen groups taken together. */
export function unseenTotals(results) {
  const unseen = results.filter((set) => set.name.startsWith("unseen/"));
  const total = unseen.reduce((sum, set) => sum + set.total, 0);
  const exact = unseen.reduce((sum, set) => sum + set.exact, 0);
  return { total, exact };
}
