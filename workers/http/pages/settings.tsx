// Dashboard settings: the profile form (validated by the same UserUpdate schema and saved by the same code as
// PATCH /api/v1/me), confirming the phone with the code texted to it, the iCal feed URL with its rotate button,
// and the setup guides with the user's own inbound address and webhook URL.
import { type Context, Hono } from "hono";
import type { UserRow } from "../../../schema/tables";
import { UserUpdate } from "../../../schema/users";
import { phoneCodeOf } from "../../db/phone-codes";
import { inboundAddress, shownAgain, webhookUrl } from "../../secrets/user-addresses";
import { calendarUrl, rotateCalendarUrl } from "../../services/calendar";
import { DomainError } from "../../services/errors";
import { pendingCodeExpiry, sendPhoneCode } from "../../services/phone";
import { confirmPhone, updateProfile } from "../../services/users";
import type { Locale } from "../../texts/alerts";
import { localDateTime } from "../../time/zones";
import { userCtx } from "../context";
import { domainStatus, setRetryAfter } from "../errors";
import type { PageEnv } from "../session";
import { Csrf, Flash, Layout } from "./layout";
import { pageAddress } from "./return-path";
import { SetupGuides } from "./setup-guides";

// The zones most users pick; the user's own zone is added when it is not among them.
const TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Singapore",
  "Asia/Kuala_Lumpur",
  "Asia/Bangkok",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Vancouver",
  "UTC",
];

type Field =
  | "email"
  | "phone"
  | "channels"
  | "quiet_hours"
  | "timezone"
  | "locale"
  | "lead_days"
  | "renewal_grace_days";

const TEXT = {
  "zh-CN": {
    title: "设置",
    profile: "个人资料与提醒",
    email: "邮箱",
    emailHint: "提醒邮件和登录链接发到这里",
    phone: "手机号",
    phoneHint: "国际格式，如 +8613800138000；短信提醒需要",
    channels: "提醒方式",
    channelNames: { email: "邮件", sms: "短信" } as Record<string, string>,
    quietStart: "免打扰开始",
    quietEnd: "免打扰结束",
    quietHint: "这段时间内的提醒会推迟到结束后发送；两项都留空表示不设免打扰",
    timezone: "时区",
    timezoneHint: "日期按这个时区计算",
    locale: "语言",
    leadDays: "提前几天提醒续费",
    leadDaysHint: "0–90 天",
    graceDays: "续费后几天没看到扣款就提醒",
    graceDaysHint: "1–14 天",
    save: "保存",
    fixFields: "请修改标出的项目，尚未保存任何更改。",
    errors: {
      email: "请填写有效的邮箱地址。",
      phone: "请用国际格式填写手机号，如 +8613800138000。",
      channels: "至少选择一种提醒方式。",
      quiet_hours: "免打扰的开始和结束时间都要填写（或都留空），且不能相同。",
      timezone: "请选择有效的时区。",
      locale: "请选择语言。",
      lead_days: "请填写 0 到 90 之间的整数。",
      renewal_grace_days: "请填写 1 到 14 之间的整数。",
    } as Record<Field, string>,
    smsNeedsPhone: "短信提醒需要手机号：请先填写手机号。",
    emailTaken: "这个邮箱已被另一个账户使用。",
    phoneConfirmed: "已确认",
    phoneUnconfirmed: "未确认",
    confirmTitle: "确认手机号",
    confirmIntro: (phone: string) =>
      `短信提醒只发送到已确认的号码，来自这个号码的回复也只对确认了它的账户有效。请输入发送到 ${phone} 的 6 位验证码。`,
    codeWaiting: (until: string) => `验证码在 ${until} 前有效。`,
    noCodeWaiting: "目前没有有效的验证码：请点「重新发送验证码」。",
    smsHeld: "确认之前，短信提醒不会发送到这个号码（邮件提醒照常发送）。",
    code: "验证码",
    confirm: "确认",
    resend: "重新发送验证码",
    codeErrors: {
      invalid_code: "请输入短信里的 6 位数字。",
      wrong_code: "验证码不正确。",
      code_expired: "验证码已过期，请重新发送。",
      no_code: "没有等待确认的验证码，请重新发送。",
      too_many_attempts: "错误次数太多，这个验证码已失效：请重新发送。",
      rate_limited: "验证码发送太频繁（每分钟一次、每天最多 5 次），请稍后再试。",
      sms_rejected: "短信服务商拒绝向这个号码发送，请检查号码。",
      sms_unavailable: "短信暂时发不出去，请稍后重试。",
      no_phone: "请先填写手机号并保存。",
      phone_already_confirmed: "这个号码已经确认过了。",
      phone_conflict: "这个号码刚被另一个请求确认，请重试。",
    } as Record<string, string>,
    triesLeft: (left: number) => (left > 0 ? `还可以再试 ${left} 次。` : "这是最后一次机会，请重新发送验证码。"),
    done: {
      saved: "设置已保存。",
      code_sent: "设置已保存。验证码已通过短信发送，请在下方输入。",
      code_resent: "新的验证码已发送，之前的验证码失效。",
      phone_confirmed: "手机号已确认：短信提醒会发送到这个号码。",
      calendar_rotated: "已生成新的日历订阅地址，旧地址已失效。请在日历 App 里重新订阅。",
    } as Record<string, string>,
    calendar: "日历订阅",
    calendarIntro: "续费日、取消截止日和试用结束日会出现在你的日历里（未来 12 个月）。",
    calendarUrl: "订阅地址（请勿公开）",
    calendarSubscribe: "在日历中订阅",
    calendarSteps: [
      "iPhone：设置 → 日历 → 账户 → 添加账户 → 其他 → 添加已订阅的日历，粘贴地址。",
      "Google 日历（网页版）：其他日历旁的 + → 通过网址添加，粘贴地址。",
      "Outlook：添加日历 → 从网页订阅，粘贴地址。",
    ],
    calendarOff: "服务器没有配置 LINK_SECRET，日历订阅不可用。",
    rotate: "换一个新地址（旧地址立即失效）",
  },
  en: {
    title: "Settings",
    profile: "Profile and alerts",
    email: "E-mail",
    emailHint: "Alert e-mails and sign-in links go here",
    phone: "Phone",
    phoneHint: "International format, e.g. +8613800138000; needed for SMS alerts",
    channels: "Alert channels",
    channelNames: { email: "E-mail", sms: "SMS" } as Record<string, string>,
    quietStart: "Quiet hours start",
    quietEnd: "Quiet hours end",
    quietHint: "Alerts due in this window wait until it ends; leave both empty for none",
    timezone: "Time zone",
    timezoneHint: "Dates are counted in this zone",
    locale: "Language",
    leadDays: "Days of warning before a renewal",
    leadDaysHint: "0–90 days",
    graceDays: "Days after a renewal before asking about a missing charge",
    graceDaysHint: "1–14 days",
    save: "Save",
    fixFields: "Please fix the marked fields; nothing was saved.",
    errors: {
      email: "Enter a valid e-mail address.",
      phone: "Enter the phone number in international format, e.g. +8613800138000.",
      channels: "Choose at least one alert channel.",
      quiet_hours: "Fill in both the start and the end of quiet hours (or neither), and make them differ.",
      timezone: "Choose a valid time zone.",
      locale: "Choose a language.",
      lead_days: "Enter a whole number from 0 to 90.",
      renewal_grace_days: "Enter a whole number from 1 to 14.",
    } as Record<Field, string>,
    smsNeedsPhone: "SMS alerts need a phone number: fill in the phone field first.",
    emailTaken: "Another account already uses this e-mail.",
    phoneConfirmed: "confirmed",
    phoneUnconfirmed: "not confirmed",
    confirmTitle: "Confirm your phone",
    confirmIntro: (phone: string) =>
      `SMS alerts go only to a confirmed number, and replies from it count only for the account that confirmed it. Enter the 6-digit code texted to ${phone}.`,
    codeWaiting: (until: string) => `The code is good until ${until}.`,
    noCodeWaiting: "No code is waiting: press “Send a new code”.",
    smsHeld: "Until then no SMS alert goes to this number (e-mail alerts go on as before).",
    code: "Code",
    confirm: "Confirm",
    resend: "Send a new code",
    codeErrors: {
      invalid_code: "Enter the 6 digits from the text.",
      wrong_code: "That is not the code.",
      code_expired: "The code expired; send a new one.",
      no_code: "No code is waiting; send a new one.",
      too_many_attempts: "Too many wrong codes: this one no longer works. Send a new one.",
      rate_limited: "Codes can be sent once a minute and five times a day; try again later.",
      sms_rejected: "The SMS provider refused to text this number; check it.",
      sms_unavailable: "The text could not be sent just now; try again later.",
      no_phone: "Fill in your phone number and save first.",
      phone_already_confirmed: "This number is already confirmed.",
      phone_conflict: "Another request confirmed this number just now; try again.",
    } as Record<string, string>,
    triesLeft: (left: number) =>
      left > 0 ? `${left} ${left === 1 ? "try" : "tries"} left.` : "That was the last try; send a new code.",
    done: {
      saved: "Settings saved.",
      code_sent: "Settings saved. A code was texted to your phone: enter it below.",
      code_resent: "A new code was texted; the one before no longer works.",
      phone_confirmed: "Phone confirmed: SMS alerts go to this number.",
      calendar_rotated:
        "Your calendar feed has a new address; the old one no longer works. Subscribe again in your calendar app.",
    } as Record<string, string>,
    calendar: "Calendar feed",
    calendarIntro:
      "Renewal dates, cancellation deadlines and trial endings for the next 12 months, in your own calendar.",
    calendarUrl: "Feed address (keep it private)",
    calendarSubscribe: "Subscribe in your calendar",
    calendarSteps: [
      "iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar, paste the address.",
      "Google Calendar (web): + next to Other calendars → From URL, paste the address.",
      "Outlook: Add calendar → Subscribe from web, paste the address.",
    ],
    calendarOff: "The calendar feed is off: this server has no LINK_SECRET configured.",
    rotate: "Get a new address (the old one stops working)",
  },
} as const;

const STYLE = `
.field-error{color:var(--danger);font-weight:600;font-size:.9rem}
fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0;padding:.5rem .75rem}
legend{font-weight:600;font-size:.95rem;padding:0 .25rem}
fieldset label{display:inline-flex;align-items:center;gap:.4rem;font-weight:400;margin-right:1rem}
h3{font-size:1rem;margin:0 0 .5rem}
ol{padding-left:1.3rem;margin:0}
ol li{margin:.25rem 0}
`;

/** The form as typed: strings, kept as they were when the form comes back with errors. */
interface ProfileForm {
  email: string;
  phone: string;
  channels: string[];
  quiet_start: string;
  quiet_end: string;
  timezone: string;
  locale: string;
  lead_days: string;
  renewal_grace_days: string;
}

function formOf(user: UserRow): ProfileForm {
  return {
    email: user.email,
    phone: user.phone ?? "",
    channels: user.channels,
    quiet_start: user.quietHoursStart ?? "",
    quiet_end: user.quietHoursEnd ?? "",
    timezone: user.timezone,
    locale: user.locale,
    lead_days: String(user.leadDays),
    renewal_grace_days: String(user.renewalGraceDays),
  };
}

function formFromBody(body: Record<string, string | File | (string | File)[]>): ProfileForm {
  const one = (key: string) => {
    const value = body[key];
    return typeof value === "string" ? value.trim() : "";
  };
  const channels = body.channels;
  return {
    email: one("email"),
    phone: one("phone"),
    channels: (Array.isArray(channels) ? channels : [channels]).filter(
      (value): value is string => typeof value === "string",
    ),
    quiet_start: one("quiet_start"),
    quiet_end: one("quiet_end"),
    timezone: one("timezone"),
    locale: one("locale"),
    lead_days: one("lead_days"),
    renewal_grace_days: one("renewal_grace_days"),
  };
}

// Numbers stay strings when they are not whole numbers, so the schema names the field instead of guessing.
const integer = (value: string) => (/^-?\d{1,4}$/.test(value) ? Number(value) : value);

/** The form as the API's UserUpdate body: spaces in a phone number are typing, not content. */
function updateOf(form: ProfileForm) {
  const phone = form.phone.replace(/[\s-]/g, "");
  return {
    email: form.email,
    phone: phone === "" ? null : phone,
    channels: form.channels,
    quiet_hours:
      form.quiet_start === "" && form.quiet_end === "" ? null : { start: form.quiet_start, end: form.quiet_end },
    timezone: form.timezone,
    locale: form.locale,
    lead_days: integer(form.lead_days),
    renewal_grace_days: integer(form.renewal_grace_days),
  };
}

type FieldErrors = Partial<Record<Field, string>>;

const FieldError = (props: { message?: string }) =>
  props.message ? <span class="field-error">{props.message}</span> : null;

function ProfileFormCard(props: {
  locale: Locale;
  csrf: string;
  form: ProfileForm;
  errors: FieldErrors;
  /** Whether the stored phone is confirmed; null when none is stored. */
  phoneConfirmed: boolean | null;
}) {
  const text = TEXT[props.locale];
  const { form, errors } = props;
  const zones = TIME_ZONES.includes(form.timezone) || !form.timezone ? TIME_ZONES : [form.timezone, ...TIME_ZONES];
  return (
    <section class="card">
      <h2>{text.profile}</h2>
      <form method="post" action="/app/settings" class="stack">
        <Csrf token={props.csrf} />
        <label>
          {text.email}
          <span class="hint">{text.emailHint}</span>
          <input
            type="email"
            name="email"
            value={form.email}
            required
            autocomplete="email"
            aria-invalid={errors.email ? "true" : undefined}
          />
          <FieldError message={errors.email} />
        </label>
        <label>
          <span>
            {text.phone}{" "}
            {props.phoneConfirmed !== null && (
              <span
                class={props.phoneConfirmed ? "badge active" : "badge cancelled"}
                data-phone-state={props.phoneConfirmed ? "confirmed" : "unconfirmed"}
              >
                {props.phoneConfirmed ? text.phoneConfirmed : text.phoneUnconfirmed}
              </span>
            )}
          </span>
          <span class="hint">{text.phoneHint}</span>
          <input
            type="tel"
            name="phone"
            value={form.phone}
            autocomplete="tel"
            inputmode="tel"
            aria-invalid={errors.phone ? "true" : undefined}
          />
          <FieldError message={errors.phone} />
        </label>
        <fieldset>
          <legend>{text.channels}</legend>
          {(["email", "sms"] as const).map((channel) => (
            <label>
              <input type="checkbox" name="channels" value={channel} checked={form.channels.includes(channel)} />
              {text.channelNames[channel]}
            </label>
          ))}
          <div>
            <FieldError message={errors.channels} />
          </div>
        </fieldset>
        <div class="row">
          <label>
            {text.quietStart}
            <input type="time" name="quiet_start" value={form.quiet_start} />
          </label>
          <label>
            {text.quietEnd}
            <input type="time" name="quiet_end" value={form.quiet_end} />
          </label>
        </div>
        <p class="hint muted">{text.quietHint}</p>
        <FieldError message={errors.quiet_hours} />
        <div class="row">
          <label>
            {text.timezone}
            <span class="hint">{text.timezoneHint}</span>
            <select name="timezone">
              {zones.map((zone) => (
                <option value={zone} selected={zone === form.timezone}>
                  {zone}
                </option>
              ))}
            </select>
            <FieldError message={errors.timezone} />
          </label>
          <label>
            {text.locale}
            <select name="locale">
              <option value="zh-CN" selected={form.locale === "zh-CN"}>
                简体中文
              </option>
              <option value="en" selected={form.locale === "en"}>
                English
              </option>
            </select>
            <FieldError message={errors.locale} />
          </label>
        </div>
        <div class="row">
          <label>
            {text.leadDays}
            <span class="hint">{text.leadDaysHint}</span>
            <input type="number" name="lead_days" value={form.lead_days} min="0" max="90" inputmode="numeric" />
            <FieldError message={errors.lead_days} />
          </label>
          <label>
            {text.graceDays}
            <span class="hint">{text.graceDaysHint}</span>
            <input
              type="number"
              name="renewal_grace_days"
              value={form.renewal_grace_days}
              min="1"
              max="14"
              inputmode="numeric"
            />
            <FieldError message={errors.renewal_grace_days} />
          </label>
        </div>
        <div>
          <button type="submit">{text.save}</button>
        </div>
      </form>
    </section>
  );
}

/** A form that is one secondary button (send a new code, rotate the feed URL). */
const ButtonForm = (props: { action: string; csrf: string; label: string }) => (
  <form method="post" action={props.action}>
    <Csrf token={props.csrf} />
    <p>
      <button type="submit" class="secondary">
        {props.label}
      </button>
    </p>
  </form>
);

/** Confirming the stored phone: shown while it is not confirmed. */
function PhoneCard(props: {
  locale: Locale;
  csrf: string;
  phone: string;
  /** When the waiting code expires, in the user's zone; null when none waits. */
  codeUntil: string | null;
  smsChosen: boolean;
  error?: string;
}) {
  const text = TEXT[props.locale];
  return (
    <section class="card" id="phone">
      <h2>{text.confirmTitle}</h2>
      <p>{text.confirmIntro(props.phone)}</p>
      {props.smsChosen && <p class="muted">{text.smsHeld}</p>}
      {props.error && <Flash kind="error">{props.error}</Flash>}
      <p class="muted">{props.codeUntil ? text.codeWaiting(props.codeUntil) : text.noCodeWaiting}</p>
      <form method="post" action="/app/settings/phone/confirm" class="stack">
        <Csrf token={props.csrf} />
        <label>
          {text.code}
          <input
            type="text"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={12}
            required
            aria-invalid={props.error ? "true" : undefined}
          />
        </label>
        <div>
          <button type="submit">{text.confirm}</button>
        </div>
      </form>
      <ButtonForm action="/app/settings/phone/code" csrf={props.csrf} label={text.resend} />
    </section>
  );
}

function CalendarCard(props: { locale: Locale; csrf: string; url: string | null }) {
  const text = TEXT[props.locale];
  return (
    <section class="card" id="calendar">
      <h2>{text.calendar}</h2>
      <p>{text.calendarIntro}</p>
      {props.url ? (
        <>
          <label>
            {text.calendarUrl}
            <input type="url" readonly value={props.url} name="calendar_url" />
          </label>
          <p>
            <a class="button secondary" href={props.url.replace(/^https?:/, "webcal:")}>
              {text.calendarSubscribe}
            </a>
          </p>
          <ol>
            {text.calendarSteps.map((step) => (
              <li>{step}</li>
            ))}
          </ol>
          <ButtonForm action="/app/settings/calendar/rotate" csrf={props.csrf} label={text.rotate} />
        </>
      ) : (
        <p class="muted">{text.calendarOff}</p>
      )}
    </section>
  );
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

async function SettingsPage(props: {
  c: Context<PageEnv>;
  form?: ProfileForm;
  errors?: FieldErrors;
  /** What went wrong with a code (sending or confirming), shown in the phone card. */
  codeError?: string;
}) {
  const { c } = props;
  const user = c.var.user;
  const locale = user.locale;
  const text = TEXT[locale];
  const [secrets, feed, code] = await Promise.all([
    shownAgain(c.env.LINK_SECRET, user),
    feedUrlOrNull(c),
    phoneCodeOf(c.var.db, user.id),
  ]);
  const errors = props.errors ?? {};
  const done = c.req.query("done");
  const codeUntil = pendingCodeExpiry(user, code, c.var.now);
  const codeError = props.codeError ?? text.codeErrors[c.req.query("code_error") ?? ""];
  return (
    <Layout locale={locale} title={text.title} section="settings" csrf={c.var.csrf} here={pageAddress(c)} style={STYLE}>
      <h1>{text.title}</h1>
      {done && text.done[done] && <Flash>{text.done[done]}</Flash>}
      {Object.keys(errors).length > 0 && <Flash kind="error">{text.fixFields}</Flash>}
      <ProfileFormCard
        locale={locale}
        csrf={c.var.csrf}
        form={props.form ?? formOf(user)}
        errors={errors}
        phoneConfirmed={user.phone ? user.phoneVerifiedAt !== null : null}
      />
      {user.phone && !user.phoneVerifiedAt && (
        <PhoneCard
          locale={locale}
          csrf={c.var.csrf}
          phone={user.phone}
          codeUntil={codeUntil && localDateTime(Date.parse(codeUntil), user.timezone)}
          smsChosen={user.channels.includes("sms")}
          error={codeError}
        />
      )}
      <CalendarCard locale={locale} csrf={c.var.csrf} url={feed} />
      <SetupGuides
        locale={locale}
        inboundAddress={secrets.inboundToken ? inboundAddress(secrets.inboundToken, c.env.INBOUND_DOMAIN) : null}
        webhookUrl={secrets.webhookToken ? webhookUrl(secrets.webhookToken, c.env.PUBLIC_URL) : null}
      />
    </Layout>
  );
}

/** A refused code, in the page's language: the tries left follow a wrong code. */
function codeErrorText(locale: Locale, error: DomainError): string {
  const text = TEXT[locale];
  const message = text.codeErrors[error.code] ?? error.message;
  const left = error.extra.details?.attempts_left as number | undefined;
  return left === undefined ? message : `${message} ${text.triesLeft(left)}`;
}

const FIELDS = new Set<string>([
  "email",
  "phone",
  "channels",
  "quiet_hours",
  "timezone",
  "locale",
  "lead_days",
  "renewal_grace_days",
]);

export const settingsPages = new Hono<PageEnv>();

settingsPages.get("/", (c) => c.html(<SettingsPage c={c} />));

settingsPages.post("/", async (c) => {
  const text = TEXT[c.var.user.locale];
  const form = formFromBody(await c.req.parseBody({ all: true }));
  const parsed = UserUpdate.safeParse(updateOf(form));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (FIELDS.has(field)) errors[field as Field] ??= text.errors[field as Field];
    }
    return c.html(<SettingsPage c={c} form={form} errors={errors} />, 400);
  }
  let saved: Awaited<ReturnType<typeof updateProfile>>;
  try {
    saved = await updateProfile(userCtx(c), parsed.data);
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== "validation" && error.kind !== "conflict")) throw error;
    const errors: FieldErrors =
      error.kind === "conflict" ? { email: text.emailTaken } : { channels: text.smsNeedsPhone };
    return c.html(<SettingsPage c={c} form={form} errors={errors} />, error.kind === "conflict" ? 409 : 400);
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
    const page = <SettingsPage c={c} codeError={codeErrorText(c.var.user.locale, error)} />;
    return c.html(page, domainStatus(error));
  }
  return c.redirect("/app/settings?done=phone_confirmed", 303);
});

settingsPages.post("/phone/code", async (c) => {
  const sent = await sendPhoneCode(c.var.ctx, c.var.user);
  if (sent.sent) return c.redirect("/app/settings?done=code_resent#phone", 303);
  setRetryAfter(c, sent.error);
  const page = <SettingsPage c={c} codeError={codeErrorText(c.var.user.locale, sent.error)} />;
  return c.html(page, domainStatus(sent.error));
});

settingsPages.post("/calendar/rotate", async (c) => {
  await rotateCalendarUrl(userCtx(c));
  return c.redirect("/app/settings?done=calendar_rotated", 303);
});
