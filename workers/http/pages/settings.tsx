// Dashboard settings: the profile form (validated by the same UserUpdate schema and saved by the same code as
// PATCH /api/v1/me), confirming the phone with the code texted to it, the iCal feed URL with its rotate button,
// and the setup guides with the user's own inbound address and webhook URL. The parts are in settings-*.
import { type Context, Hono } from "hono";
import { UserUpdate } from "../../../schema/users";
import { phoneCodeOf } from "../../db/phone-codes";
import { inboundAddress, shownAgain, webhookUrl } from "../../secrets/user-addresses";
import { calendarUrl, rotateCalendarUrl } from "../../services/calendar";
import { DomainError } from "../../services/errors";
import { pendingCodeExpiry, sendPhoneCode } from "../../services/phone";
import { confirmPhone, updateProfile } from "../../services/users";
import { localDateTime } from "../../time/zones";
import { userCtx } from "../context";
import { domainStatus, setRetryAfter } from "../errors";
import type { PageEnv } from "../session";
import { Flash, type Frame, frameOf, Layout } from "./layout";
import { CalendarCard, codeErrorText, PhoneCard } from "./settings-cards";
import {
  type FieldErrors,
  formFromBody,
  formOf,
  type ProfileForm,
  ProfileFormCard,
  profileErrors,
  updateOf,
} from "./settings-profile";
import { TEXT } from "./settings-text";
import { SetupGuides } from "./setup-guides";

const STYLE = `
.field-error{color:var(--danger);font-weight:600;font-size:.9rem}
fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0;padding:.5rem .75rem}
legend{font-weight:600;font-size:.95rem;padding:0 .25rem}
fieldset label{display:inline-flex;align-items:center;gap:.4rem;font-weight:400;margin-right:1rem}
h3{font-size:1rem;margin:0 0 .5rem}
ol{padding-left:1.3rem;margin:0}
ol li{margin:.25rem 0}
`;

interface SettingsProps {
  frame: Frame;
  /** The change just made (?done=…), said at the top. */
  done: string | undefined;
  /** The profile form: as stored, or as typed when it comes back refused with `errors`. */
  form: ProfileForm;
  errors: FieldErrors;
  /** Whether the stored phone is confirmed; null when none is stored. */
  phoneConfirmed: boolean | null;
  /** The card confirming the stored phone, while it is not confirmed. */
  pendingPhone: { phone: string; codeUntil: string | null; smsChosen: boolean; error: string | undefined } | null;
  feedUrl: string | null;
  inboundAddress: string | null;
  webhookUrl: string | null;
}

/** What a refused post shows again: the profile as typed and what is wrong with it, or what went wrong with a code. */
interface Refused {
  form?: ProfileForm;
  errors?: FieldErrors;
  codeError?: string;
}

/** The feed URL, or null when this Worker cannot sign one (no LINK_SECRET). */
async function feedUrlOrNull(c: Context<PageEnv>): Promise<string | null> {
  try {
    return await calendarUrl(userCtx(c));
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return null;
    throw error;
  }
}

async function settingsPageData(c: Context<PageEnv>, refused: Refused = {}): Promise<SettingsProps> {
  const user = c.var.user;
  const [secrets, feed, code] = await Promise.all([
    shownAgain(c.env.LINK_SECRET, user),
    feedUrlOrNull(c),
    phoneCodeOf(c.var.db, user.id),
  ]);
  const codeUntil = pendingCodeExpiry(user, code, c.var.now);
  return {
    frame: frameOf(c),
    done: c.req.query("done"),
    form: refused.form ?? formOf(user),
    errors: refused.errors ?? {},
    phoneConfirmed: user.phone ? user.phoneVerifiedAt !== null : null,
    pendingPhone:
      user.phone && !user.phoneVerifiedAt
        ? {
            phone: user.phone,
            codeUntil: codeUntil && localDateTime(Date.parse(codeUntil), user.timezone),
            smsChosen: user.channels.includes("sms"),
            error: refused.codeError ?? TEXT[user.locale].codeErrors[c.req.query("code_error") ?? ""],
          }
        : null,
    feedUrl: feed,
    inboundAddress: secrets.inboundToken ? inboundAddress(secrets.inboundToken, c.env.INBOUND_DOMAIN) : null,
    webhookUrl: secrets.webhookToken ? webhookUrl(secrets.webhookToken, c.env.PUBLIC_URL) : null,
  };
}

function SettingsPage(props: SettingsProps) {
  const { frame, done, errors } = props;
  const { locale, csrf } = frame;
  const text = TEXT[locale];
  return (
    <Layout {...frame} title={text.title} section="settings" style={STYLE}>
      <h1>{text.title}</h1>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {Object.keys(errors).length > 0 && <Flash kind="error">{text.fixFields}</Flash>}
      <ProfileFormCard
        locale={locale}
        csrf={csrf}
        form={props.form}
        errors={errors}
        phoneConfirmed={props.phoneConfirmed}
      />
      {props.pendingPhone && <PhoneCard locale={locale} csrf={csrf} {...props.pendingPhone} />}
      <CalendarCard locale={locale} csrf={csrf} url={props.feedUrl} />
      <SetupGuides locale={locale} inboundAddress={props.inboundAddress} webhookUrl={props.webhookUrl} />
    </Layout>
  );
}

/** The page again with what went wrong with a code in the phone card, answered with the refusal's status. */
const codeRefused = async (c: Context<PageEnv>, error: DomainError) =>
  c.html(
    <SettingsPage {...(await settingsPageData(c, { codeError: codeErrorText(c.var.user.locale, error) }))} />,
    domainStatus(error),
  );

export const settingsPages = new Hono<PageEnv>();

settingsPages.get("/", async (c) => c.html(<SettingsPage {...(await settingsPageData(c))} />));

settingsPages.post("/", async (c) => {
  const text = TEXT[c.var.user.locale];
  const form = formFromBody(await c.req.parseBody({ all: true }));
  const refused = async (errors: FieldErrors, status: 400 | 409) =>
    c.html(<SettingsPage {...(await settingsPageData(c, { form, errors }))} />, status);
  const parsed = UserUpdate.safeParse(updateOf(form));
  if (!parsed.success) return refused(profileErrors(parsed.error.issues, c.var.user.locale), 400);
  let saved: Awaited<ReturnType<typeof updateProfile>>;
  try {
    saved = await updateProfile(userCtx(c), parsed.data);
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== "validation" && error.kind !== "conflict")) throw error;
    return error.kind === "conflict"
      ? refused({ email: text.emailTaken }, 409)
      : refused({ channels: text.smsNeedsPhone }, 400);
  }
  if (!saved.code) return c.redirect("/app/settings?done=saved", 303);
  if (saved.code.sent) return c.redirect("/app/settings?done=code_sent#phone", 303);
  return c.redirect(`/app/settings?done=saved&code_error=${saved.code.error.code}#phone`, 303);
});

settingsPages.post("/phone/confirm", async (c) => {
  const body = await c.req.parseBody();
  const typed = typeof body.code === "string" ? body.code.slice(0, 32) : "";
  try {
    await confirmPhone(userCtx(c), typed);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return codeRefused(c, error);
  }
  return c.redirect("/app/settings?done=phone_confirmed", 303);
});

settingsPages.post("/phone/code", async (c) => {
  const sent = await sendPhoneCode(c.var.ctx, c.var.user);
  if (sent.sent) return c.redirect("/app/settings?done=code_resent#phone", 303);
  setRetryAfter(c, sent.error);
  return codeRefused(c, sent.error);
});

settingsPages.post("/calendar/rotate", async (c) => {
  await rotateCalendarUrl(userCtx(c));
  return c.redirect("/app/settings?done=calendar_rotated", 303);
});
