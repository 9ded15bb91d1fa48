// Forms read as forms: what the user typed is in normal weight (only the labels are bold), and fields side by
// side line up — label, hint, box and error each on a shared row — as the refund window beside the notice days.
import { describe, expect, it } from "vitest";
import { testDate } from "../support/clock";
import { signIn } from "../support/dashboard";

const stylesheet = (html: string) => html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";

/** The `<div class="row">` that holds `field`. */
const rowOf = (html: string, field: string) =>
  html.match(new RegExp(`<div class="row">(?:(?!<div class="row">)[\\s\\S])*?name="${field}"[\\s\\S]*?</div>`))?.[0] ??
  "";

/** The labels of a row, each as markup. */
const labelsOf = (row: string) => row.match(/<label>[\s\S]*?<\/label>/g) ?? [];

describe("form layout", () => {
  it("writes inputs, selects and text areas in normal weight under bold labels", async () => {
    const browser = await signIn({ locale: "en" });
    const css = stylesheet((await browser.get("/app/memberships/new?preset=custom")).html);
    expect(css).toMatch(/(?:^|\n)label\{[^}]*font-weight:600/);
    // `font:inherit` alone would take the label's 600; the weight is set back after it.
    expect(css).toMatch(/(?:^|\n)input,select,textarea\{font:inherit;font-weight:400;/);
  });

  it("puts the refund window in the notice-days row with a hint like its neighbours, in both languages", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const browser = await signIn({ locale });
      const html = (await browser.get("/app/memberships/new?preset=custom")).html;
      const row = rowOf(html, "cancel_notice_days");
      const labels = labelsOf(row);
      expect(labels.map((label) => label.match(/name="([a-z_]+)"/)?.[1])).toEqual([
        "cancel_notice_days",
        "refund_window_days",
        "lead_days",
      ]);
      // Each: its label text, a hint, then the box — the same shape, so the boxes share a line.
      for (const label of labels) expect(label).toMatch(/^<label>[^<]+<span class="hint">[^<]+<\/span><input /);
    }
  });

  it("lines up the boxes of side-by-side fields on shared rows, an error below its own box", async () => {
    const browser = await signIn({ locale: "zh-CN" });
    const css = stylesheet((await browser.get("/app/memberships/new?preset=custom")).html);
    expect(css).toContain(".row>label{grid-row:span 4;grid-template-rows:subgrid;");
    expect(css).toContain(".row>label>.hint{grid-row:2}");
    expect(css).toContain(".row>label>:is(input,select,textarea){grid-row:3;");
    expect(css).toContain(".row>label>.field-error{grid-row:4}");

    // A refused refund window keeps the shape: the message comes after the box, in the same label.
    const refused = await browser.post("/app/memberships", {
      name: "爱奇艺",
      merchant_aliases: "爱奇艺",
      amount: "25.00",
      currency: "CNY",
      cycle_count: "1",
      cycle_unit: "month",
      next_renewal_on: testDate(30),
      auto_renew: "on",
      channel: "alipay",
      cancel_notice_days: "7",
      refund_window_days: "many",
    });
    expect(refused.status).toBe(400);
    const label = labelsOf(rowOf(refused.html, "refund_window_days")).find((markup) =>
      markup.includes('name="refund_window_days"'),
    );
    expect(label).toMatch(
      /<span class="hint">[^<]+<\/span><input [^>]*name="refund_window_days"[^>]*><span class="field-error"/,
    );
  });
});
