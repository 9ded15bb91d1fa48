// Reading an SMS reply's word and writing the TwiML answer, apart from the route (test/worker/twilio-replies.test.ts).
import { describe, expect, it } from "vitest";
import { parseReply, twimlMessage } from "../../workers/inbound/sms-reply";

describe("reply parsing", () => {
  it("normalises case, spaces, full-width forms and trailing punctuation", () => {
    expect(parseReply(" 1 ")).toBe("cancelled");
    expect(parseReply("１")).toBe("cancelled");
    expect(parseReply("已取消。")).toBe("cancelled");
    expect(parseReply("Cancelled!")).toBe("cancelled");
    expect(parseReply("ｓｎｏｏｚｅ")).toBe("snooze");
    expect(parseReply("Stop")).toBe("stop");
    expect(parseReply("退订")).toBe("stop");
    expect(parseReply("12")).toBe("help");
    expect(parseReply("I cancelled it yesterday")).toBe("help");
  });

  it("escapes the TwiML message", () => {
    expect(twimlMessage(`<a href="x">&'`)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>&lt;a href=&quot;x&quot;&gt;&amp;&apos;</Message></Response>',
    );
  });
});
