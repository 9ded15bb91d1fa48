// The printable timeline on a phone: words wrap between words; only long tokens (the cancel URL, references,
// message ids) may break anywhere; fixed columns and, on a narrow screen, one block per entry keep the page
// from scrolling sideways.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { testNow } from "../support/clock";
import { call, createMembership, createUser, postEvent } from "../support/helpers";

const CANCEL_URL =
  "https://www.iqiyi.com/u/accountset/vip-autorenew-management?from=settings&ref=abcdefghijklmnopqrstuvwxyz";
const CHARGE_REF = "2026120122001412345678901234567890";
const CANCEL_REF = "NF-CANCEL-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

async function printedTimeline(locale: "zh-CN" | "en") {
  const user = await createUser({ locale });
  const membership = await createMembership(user.api_token, { cancel_url: CANCEL_URL });
  const charged = await postEvent(user.webhook_url, {
    kind: "charge",
    merchant: "支付宝-爱奇艺",
    amount_minor: 2500,
    currency: "CNY",
    channel: "alipay",
    reference: CHARGE_REF,
    occurred_at: new Date(testNow() - 7_200_000).toISOString(),
  });
  expect(charged.status).toBe(201);
  const cancelled = await call("POST", `/api/v1/memberships/${membership.id}/cancellations`, {
    token: user.api_token,
    body: {
      side: "platform",
      cancelled_at: new Date(testNow() - 3_600_000).toISOString(),
      reference: CANCEL_REF,
      evidence: "Screenshot of the confirmation page",
    },
  });
  expect(cancelled.status).toBe(201);
  const page = await exports.default.fetch(
    new Request(`https://watchdog.test/api/v1/memberships/${membership.id}/timeline?format=html`, {
      headers: { authorization: `Bearer ${user.api_token}` },
    }),
  );
  expect(page.status).toBe(200);
  return { html: await page.text(), membership };
}

const css = (html: string) => html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";

describe("printable timeline wrapping", () => {
  it("breaks only long tokens anywhere, and leaves words in the text whole", async () => {
    const { html, membership } = await printedTimeline("en");
    const style = css(html);
    expect(style).toContain(".token{overflow-wrap:anywhere}");
    // No rule lets every cell break mid-word (word-break:break-word does, by shrinking columns to one letter).
    expect(style).not.toContain("word-break");
    expect(style).not.toMatch(/(?:^|\n)th,td\{[^}]*anywhere/);
    expect(html).toContain(`<span class="token">${CANCEL_URL.replaceAll("&", "&amp;")}</span>`);
    expect(html).toContain(`Reference: <span class="token">${CHARGE_REF}</span>`);
    expect(html).toContain(`Reference: <span class="token">${CANCEL_REF}</span>`);
    expect(html).toMatch(/ · <span class="token">msg_[a-z0-9]+<\/span><\/div>/);
    expect(html).toContain(`<span class="token">${membership.id}</span>`);
    // What happened is text: it wraps between words, never inside a token span.
    expect(html).toContain('<td class="what">Charge</td>');
    expect(html).toContain('<td class="what">Membership registered</td>');
  });

  it("fixes the column widths and stacks each entry on a narrow screen, so nothing scrolls sideways", async () => {
    const { html } = await printedTimeline("zh-CN");
    const style = css(html);
    expect(style).toMatch(/(?:^|\n)table\{[^}]*table-layout:fixed[^}]*\}/);
    expect(html).toContain('<colgroup><col class="time"><col class="what"><col></colgroup>');
    const narrow = style.slice(style.indexOf("@media screen and (max-width:36rem)"));
    expect(narrow).toContain("table.entries,table.entries tbody,table.entries tr,table.entries td{display:block");
    expect(narrow).toContain("table.entries thead{display:none}");
    // Prose outside the tables (refund steps with a pasted URL) may still break a word longer than the line.
    expect(style).toMatch(/(?:^|\n)body\{[^}]*overflow-wrap:break-word[^}]*\}/);
    expect(html).toContain('<td class="what">在平台取消</td>');
  });
});
