// Forms read as forms: what the user typed is in normal weight; only the labels are bold.
import { describe, expect, it } from "vitest";
import { signIn } from "./dashboard";

const stylesheet = (html: string) => html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";

describe("form layout", () => {
  it("writes inputs, selects and text areas in normal weight under bold labels", async () => {
    const browser = await signIn({ locale: "en" });
    const css = stylesheet((await browser.get("/app/memberships/new?preset=custom")).html);
    expect(css).toMatch(/(?:^|\n)label\{[^}]*font-weight:600/);
    // `font:inherit` alone would take the label's 600; the weight is set back after it.
    expect(css).toMatch(/(?:^|\n)input,select,textarea\{font:inherit;font-weight:400;/);
  });
});
