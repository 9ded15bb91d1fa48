// POST /hooks/twilio/sms: signed SMS replies to alerts (cancelled, snooze a day, stop SMS), answered in TwiML.
// The door: verify, find the sender, call services/sms-replies.ts, answer its text (or its refusal) as TwiML.
import { createRoute, z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../../schema/common";
import { replySender } from "../db/sms-replies";
import { NOT_REGISTERED_TEXT, parseReply, replyForError, twimlMessage } from "../inbound/sms-reply";
import { sha256Hex } from "../secrets/tokens";
import { verifyTwilioSignature } from "../secrets/twilio-signature";
import { asUser } from "../services/context";
import { DomainError } from "../services/errors";
import { answerReply } from "../services/sms-replies";
import { newRouter } from "./context";
import { ApiError } from "./errors";
import { jsonContent } from "./openapi";
import { enforceLimit } from "./rate-limit";

const PATH = "/hooks/twilio/sms";

const TwilioSmsPost = z
  .object({
    From: z.string().openapi({ example: "+8613800138000" }),
    To: z.string(),
    Body: z.string().openapi({ description: "1 / 已取消 / DONE, 2 / 稍后 / LATER, STOP / 退订, anything else: help." }),
    MessageSid: z.string(),
    AccountSid: z.string(),
  })
  .openapi("TwilioSmsPost");

const forbidden = (message: string) => new ApiError(403, "forbidden", message);

export const twilioRepliesRouter = newRouter();
twilioRepliesRouter.openAPIRegistry.register("TwilioSmsPost", TwilioSmsPost);
twilioRepliesRouter.openapi(
  createRoute({
    method: "post",
    path: PATH,
    tags: ["inbound"],
    summary:
      "Twilio's incoming-SMS webhook: a signed reply to an alert (1 cancelled, 2 snooze a day, STOP no more SMS), " +
      "acting only on the account that confirmed the sending number. " +
      "Set it as the Messaging webhook of the Twilio number, at PUBLIC_URL + /hooks/twilio/sms.",
    request: {
      headers: z.object({ "x-twilio-signature": z.string().optional() }),
      // A plain reference, not a zod body: every posted field (known or not) is part of the signature.
      body: {
        required: true,
        content: { "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/TwilioSmsPost" } } },
      },
    },
    responses: {
      200: { content: { "text/xml": { schema: z.string() } }, description: "TwiML with the answer SMS." },
      403: jsonContent(ErrorEnvelope, "Missing or wrong X-Twilio-Signature, or Twilio is not configured."),
      413: jsonContent(ErrorEnvelope, "Body too large."),
      415: jsonContent(ErrorEnvelope, "Not a form post."),
    },
  }),
  async (c) => {
    const authToken = c.env.TWILIO_AUTH_TOKEN;
    if (!authToken) throw forbidden("Twilio replies are not configured (TWILIO_AUTH_TOKEN is not set).");
    const signature = c.req.header("x-twilio-signature");
    if (!signature) throw forbidden("Missing X-Twilio-Signature.");
    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      throw new ApiError(415, "unsupported_media_type", "Twilio posts application/x-www-form-urlencoded.");
    }
    const params = [...new URLSearchParams(await c.req.text())];
    // Twilio signs the URL it called, which is the public one, not whatever Host reached the Worker.
    const url = `${c.env.PUBLIC_URL.replace(/\/+$/, "")}${PATH}${new URL(c.req.url).search}`;
    if (!(await verifyTwilioSignature(authToken, url, params, signature))) {
      throw forbidden("X-Twilio-Signature does not match this request.");
    }
    const field = (name: string) => params.find(([key]) => key === name)?.[1] ?? "";
    const from = field("From").trim();
    // After the signature check, so forged posts cannot use up a real sender's window.
    if (from) await enforceLimit(c, "HOOK_RATE_LIMIT", `twilio:${await sha256Hex(from)}`, "from this number");
    const reply = { body: field("Body"), sid: field("MessageSid") };
    const { user, alert } = from ? await replySender(c.var.db, from) : {};
    let text = NOT_REGISTERED_TEXT;
    if (user) {
      try {
        text = await answerReply(asUser(c.var.ctx, user), alert, parseReply(reply.body), reply);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        text = replyForError(error, user.locale);
      }
    }
    return c.body(twimlMessage(text), 200, { "content-type": "text/xml; charset=utf-8" });
  },
);
