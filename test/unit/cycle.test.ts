import { describe, expect, it } from "vitest";
import { addCycle, chargeWindow, daysBetween, previousRenewal } from "../../workers/rules/cycle";
import { addDays } from "../../workers/time/zones";

/** The renewal dates `steps` cycles on from `start`, each computed from the one before. */
function renewals(
  start: string,
  unit: "day" | "week" | "month" | "year",
  count: number,
  anchor: number,
  steps: number,
) {
  const dates = [start];
  for (let i = 0; i < steps; i += 1) dates.push(addCycle(dates[dates.length - 1] as string, unit, count, anchor));
  return dates;
}

describe("addCycle", () => {
  it("renews a Jan 31 membership on Feb 28 and then on Mar 31 again, not Mar 28", () => {
    expect(renewals("2026-01-31", "month", 1, 31, 4)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
  });

  it("uses Feb 29 in a leap year", () => {
    expect(renewals("2028-01-31", "month", 1, 31, 2)).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
    expect(addCycle("2024-01-30", "month", 1, 30)).toBe("2024-02-29");
  });

  it("renews a Feb 29 yearly membership on Feb 28 until the next leap year brings Feb 29 back", () => {
    expect(renewals("2024-02-29", "year", 1, 29, 4)).toEqual([
      "2024-02-29",
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
    ]);
  });

  it("counts several months at a time and crosses the year", () => {
    expect(addCycle("2026-11-30", "month", 3, 30)).toBe("2027-02-28");
    expect(addCycle("2026-12-15", "month", 1, 15)).toBe("2027-01-15");
    expect(addCycle("2026-08-31", "month", 6, 31)).toBe("2027-02-28");
    expect(addCycle("2026-05-10", "year", 2, 10)).toBe("2028-05-10");
  });

  it("moves days and weeks by plain calendar days, ignoring the anchor", () => {
    expect(addCycle("2026-02-27", "day", 3, 31)).toBe("2026-03-02");
    expect(addCycle("2026-12-29", "week", 1, 31)).toBe("2027-01-05");
    expect(addCycle("2026-03-01", "week", 2, 1)).toBe("2026-03-15");
  });

  it("falls back to the date's own day when the anchor is not a day of month", () => {
    expect(addCycle("2026-01-20", "month", 1, 0)).toBe("2026-02-20");
    expect(addCycle("2026-01-20", "month", 1, Number.NaN)).toBe("2026-02-20");
  });
});

describe("previousRenewal", () => {
  it("walks back through a short month with the same clamping", () => {
    expect(previousRenewal("2026-03-31", "month", 1, 31)).toBe("2026-02-28");
    expect(previousRenewal("2026-02-28", "month", 1, 31)).toBe("2026-01-31");
    expect(previousRenewal("2026-01-15", "month", 1, 15)).toBe("2025-12-15");
    expect(previousRenewal("2028-02-29", "year", 1, 29)).toBe("2027-02-28");
    expect(previousRenewal("2026-03-02", "day", 3, 2)).toBe("2026-02-27");
    expect(previousRenewal("2027-01-05", "week", 1, 5)).toBe("2026-12-29");
  });

  it("undoes addCycle for every day of a year, in every unit", () => {
    for (let day = 0; day < 366; day += 1) {
      const date = addDays("2027-12-20", day);
      const anchor = Number(date.slice(8));
      for (const unit of ["day", "week", "month", "year"] as const) {
        for (const count of [1, 2]) {
          expect(previousRenewal(addCycle(date, unit, count, anchor), unit, count, anchor)).toBe(date);
        }
      }
    }
  });
});

describe("chargeWindow", () => {
  it("takes a charge from two weeks before to three days after a monthly renewal", () => {
    const cycle = { unit: "month", count: 1, anchorDay: 15 } as const;
    expect(chargeWindow("2026-03-15", cycle)).toEqual({ from: "2026-03-01", to: "2026-03-18" });
  });

  it("keeps the windows of short cycles apart, so one charge never pays two renewals", () => {
    expect(chargeWindow("2026-03-15", { unit: "week", count: 1, anchorDay: 15 })).toEqual({
      from: "2026-03-12",
      to: "2026-03-18",
    });
    expect(chargeWindow("2026-03-15", { unit: "day", count: 1, anchorDay: 15 })).toEqual({
      from: "2026-03-15",
      to: "2026-03-15",
    });
  });
});

describe("daysBetween", () => {
  it("counts calendar days across month, year and leap-day boundaries", () => {
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-12-31", "2026-12-01")).toBe(-30);
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
  });
});
