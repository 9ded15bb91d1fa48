// One membership's page: its terms and dates, how to cancel it on each side, the cancellations recorded
// (and the sides still missing: a platform cancel leaves an Alipay/WeChat/card agreement able to charge),
// the form to record one, recent matched events, and the way out (edit, printable timeline, delete).
import { CancellationCreate, type CancellationCreateInput } from "../../../schema/memberships";
import { CANCELLATION_SIDES, type CancellationRow } from "../../../schema/tables";
import { realInstant } from "../../../schema/vocabulary";
import type { EventRow } from "../../db/events";
import type { MembershipWithCancellations } from "../../db/memberships";
import { SEPARATE_AGREEMENT_CHANNELS } from "../../rules/cancellation";
import { amountText, channelName, type Locale } from "../../texts/alerts";
import { localDateTime, zonedInstant } from "../../time/zones";
import { Csrf, Flash, PostButton } from "./layout";
import { channelCancelPath } from "./membership-presets";
import {
  aside,
  autoRenewText,
  cancelByDate,
  dayText,
  instantText,
  labelled,
  priceText,
  relativeDays,
  statusText,
} from "./membership-terms";

type Side = CancellationRow["side"];

const TEXT = {
  "zh-CN": {
    done: {
      created: "会员已添加。",
      updated: "修改已保存。",
      cancelled: "取消记录已保存。",
    } as Record<string, string>,
    terms: "条款",
    price: "金额",
    nextRenewal: "下次续费",
    cancelBy: "最晚取消日",
    noRenewal: "不会再续费",
    autoRenew: "自动续费",
    channel: "付款渠道",
    notice: "须提前取消",
    refundWindow: "退款期限",
    days: (n: number) => `${n} 天`,
    trial: "试用结束",
    aliases: "账单上的商户名",
    support: "客服",
    notes: "备注",
    edit: "编辑",
    timeline: "可打印时间线",
    timelineHint: "争议证据：条款、扣款记录、取消记录与提醒，可打印或发给客服（链接 90 天内有效）。",
    linksOff: "可打印时间线链接未启用（服务器未配置 LINK_SECRET）。",
    howToCancel: "怎么取消",
    cancelUrl: "取消网址",
    noSteps: "还没有记下取消步骤，可以在「编辑」里补上。",
    progress: "取消进度",
    recorded: "已记录",
    missing: "尚未记录",
    needed: "需要两边都取消：只在平台关闭自动续费，支付渠道的免密/自动扣款协议仍可能继续扣款。",
    oneSide: (channel: string) =>
      `在平台取消即可：${channel}没有单独的自动扣款协议要解除。之后若仍被扣款，保留这份时间线作为证据申请退款。`,
    halfCancelled: (channel: string) =>
      `只取消了一半：平台已取消，但${channel}的自动扣款协议还没有记录解除，下次仍可能被扣款。请也在支付渠道解除：`,
    cancellations: "取消记录",
    noCancellations: "还没有取消记录。",
    at: "时间",
    kind: "类型",
    reference: "凭证编号",
    evidence: "证据",
    record: "记录一次取消",
    recordHint: "每取消一侧记一次：平台关闭自动续费、支付渠道解除协议、或通过客服取消。",
    side: "取消的是哪一侧",
    cancelledAt: "取消时间",
    referenceHint: "订单号、工单号、确认编号",
    evidenceHint: "截图里显示了什么、客服姓名、聊天记录原文",
    save: "保存取消记录",
    events: "最近匹配到的记录",
    noEvents: "还没有匹配到这个会员的扣款或通知。",
    eventKinds: {
      charge: "扣款",
      refund: "退款",
      renewal_notice: "续费提醒",
      cancellation: "取消通知",
      signup: "开通",
      other: "其他",
    } as Record<string, string>,
    deleteTitle: "删除这个会员…",
    deleteHint: "删除后不再提醒和监控；已有的扣款记录、取消记录和提醒会保留作为证据。",
    deleteConfirm: "确认删除",
    invalid: {
      side: "取消的是哪一侧：请选择一项",
      cancelled_at: "取消时间：请填写不晚于现在的时间",
      reference: "凭证编号：不超过 200 字",
      evidence: "证据：不超过 2000 字",
    } as Record<string, string>,
  },
  en: {
    done: {
      created: "Membership added.",
      updated: "Changes saved.",
      cancelled: "Cancellation recorded.",
    } as Record<string, string>,
    terms: "Terms",
    price: "Price",
    nextRenewal: "Next renewal",
    cancelBy: "Cancel by",
    noRenewal: "Will not renew",
    autoRenew: "Auto-renew",
    channel: "Payment channel",
    notice: "Notice to cancel",
    refundWindow: "Refund window",
    days: (n: number) => `${n} day${n === 1 ? "" : "s"}`,
    trial: "Trial ends",
    aliases: "Merchant names on bills",
    support: "Customer service",
    notes: "Notes",
    edit: "Edit",
    timeline: "Printable timeline",
    timelineHint:
      "The dispute kit: terms, charges, cancellations and alerts, to print or send to support (link valid 90 days).",
    linksOff: "Printable timeline links are off (the server has no LINK_SECRET configured).",
    howToCancel: "How to cancel",
    cancelUrl: "Cancel URL",
    noSteps: "No cancel steps noted yet; add them with Edit.",
    progress: "Cancellation progress",
    recorded: "recorded",
    missing: "not recorded yet",
    oneSide: (channel: string) =>
      `Cancelling on the platform is enough: ${channel} holds no separate auto-deduct agreement to close. If you are charged anyway, keep this timeline as evidence for a refund.`,
    needed:
      "Both sides need cancelling: switching off renewal on the platform leaves the payment channel's auto-deduct agreement able to charge.",
    halfCancelled: (channel: string) =>
      `Half cancelled: the platform side is recorded, but the ${channel} auto-deduct agreement is not, so it can still charge you. Close it there too:`,
    cancellations: "Cancellations",
    noCancellations: "No cancellations recorded yet.",
    at: "When",
    kind: "What",
    reference: "Reference",
    evidence: "Evidence",
    record: "Record a cancellation",
    recordHint:
      "One record per side: the platform's auto-renewal, the payment channel's agreement, or cancelling through customer service.",
    side: "Which side was cancelled",
    cancelledAt: "Cancelled at",
    referenceHint: "Order, ticket or confirmation number",
    evidenceHint: "What the screenshot shows, the agent's name, the chat transcript",
    save: "Save cancellation",
    events: "Recent matched events",
    noEvents: "No charges or notices matched to this membership yet.",
    eventKinds: {
      charge: "Charge",
      refund: "Refund",
      renewal_notice: "Renewal notice",
      cancellation: "Cancellation notice",
      signup: "Sign-up",
      other: "Other",
    } as Record<string, string>,
    deleteTitle: "Delete this membership…",
    deleteHint:
      "It is no longer watched or reminded about; its charges, cancellations and alerts are kept as evidence.",
    deleteConfirm: "Delete membership",
    invalid: {
      side: "Which side was cancelled: choose one",
      cancelled_at: "Cancelled at: enter a time no later than now",
      reference: "Reference: at most 200 characters",
      evidence: "Evidence: at most 2000 characters",
    } as Record<string, string>,
  },
} as const;

const SIDE_LABELS: Record<Locale, Record<Side, string>> = {
  "zh-CN": {
    platform: "平台（关闭自动续费）",
    payment_channel: "支付渠道（解除免密/自动扣款协议）",
    customer_service: "客服",
  },
  en: {
    platform: "Platform (auto-renewal switched off)",
    payment_channel: "Payment channel (auto-deduct agreement removed)",
    customer_service: "Customer service",
  },
};

export const sideText = (side: Side, locale: Locale) => SIDE_LABELS[locale][side];

export const DETAIL_STYLE = `
dl.terms{display:grid;grid-template-columns:auto 1fr;gap:.3rem .9rem;margin:0}
dl.terms dt{color:var(--muted)}dl.terms dd{margin:0}
ul.plain{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.side-done{color:var(--ok);font-weight:600}.side-missing{color:var(--warn);font-weight:600}
.prewrap{white-space:pre-wrap}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem;display:grid;gap:.4rem}
legend{font-weight:600;font-size:.95rem}
details summary{cursor:pointer;color:var(--danger)}
`;

/**
 * The sides whose cancellation is not recorded yet. The platform side is done by the platform or by customer
 * service; the payment channel side matters only where the agreement lives apart from the platform.
 */
export function missingSides(membership: Pick<MembershipWithCancellations, "channel" | "cancellations">): Side[] {
  const recorded = new Set(membership.cancellations.map((cancellation) => cancellation.side));
  const missing: Side[] = [];
  if (!recorded.has("platform") && !recorded.has("customer_service")) missing.push("platform");
  if (SEPARATE_AGREEMENT_CHANNELS.has(membership.channel) && !recorded.has("payment_channel"))
    missing.push("payment_channel");
  return missing;
}

// ---- the cancellation form ----

export type CancellationFormValues = Record<"side" | "cancelled_at" | "reference" | "evidence", string>;
export type CancellationErrors = Partial<Record<keyof CancellationFormValues, string>>;

/** `instant` on the user's wall clock as a datetime-local value (YYYY-MM-DDTHH:MM). */
/** The value of a datetime-local input: "2026-11-26T09:47" on the user's wall clock. */
export const datetimeLocal = (instant: number, timeZone: string) => localDateTime(instant, timeZone).replace(" ", "T");

/** Now, and the first side still missing (the platform when all are recorded). */
export function blankCancellation(
  membership: MembershipWithCancellations,
  now: number,
  timeZone: string,
): CancellationFormValues {
  return {
    side: missingSides(membership)[0] ?? "platform",
    cancelled_at: datetimeLocal(now, timeZone),
    reference: "",
    evidence: "",
  };
}

export function postedCancellation(body: Record<string, unknown>): CancellationFormValues {
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  return {
    side: text("side"),
    cancelled_at: text("cancelled_at"),
    reference: text("reference"),
    evidence: text("evidence"),
  };
}

/** A datetime-local value read on the user's wall clock as an ISO instant; other text is left for zod to refuse. */
function instantOf(local: string, timeZone: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  // 2026-02-30T10:00 is no time at all: Date.UTC would move it to March 2, so it is left for zod to refuse.
  if (!parts || realInstant(`${local.trim()}Z`) === undefined) return local;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
  const utc = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  return new Date(zonedInstant(utc, timeZone)).toISOString();
}

export const cancellationErrors = (fields: (string | null | undefined)[], locale: Locale): CancellationErrors => {
  const errors: CancellationErrors = {};
  for (const field of fields) {
    const key = (field ?? "").split(".")[0] as keyof CancellationFormValues;
    const message = TEXT[locale].invalid[key];
    if (message && !errors[key]) errors[key] = message;
  }
  if (Object.keys(errors).length === 0) errors.side = TEXT[locale].invalid.side;
  return errors;
};

/** The form as the API's CancellationCreate, validated by the same schema. */
export function checkCancellation(
  values: CancellationFormValues,
  timeZone: string,
  locale: Locale,
): { ok: true; input: CancellationCreateInput } | { ok: false; errors: CancellationErrors } {
  const result = CancellationCreate.safeParse({
    side: values.side,
    cancelled_at: values.cancelled_at.trim() === "" ? undefined : instantOf(values.cancelled_at, timeZone),
    reference: values.reference.trim() === "" ? null : values.reference,
    evidence: values.evidence.trim() === "" ? null : values.evidence,
  });
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    errors: cancellationErrors(
      result.error.issues.map((issue) => String(issue.path[0] ?? "")),
      locale,
    ),
  };
}

function CancellationForm(props: {
  locale: Locale;
  csrf: string;
  membershipId: string;
  values: CancellationFormValues;
  errors: CancellationErrors;
}) {
  const { locale, values, errors } = props;
  const text = TEXT[locale];
  const error = (field: keyof CancellationFormValues) =>
    errors[field] && <span class="field-error">{errors[field]}</span>;
  return (
    <form method="post" action={`/app/memberships/${props.membershipId}/cancellations`} class="stack card">
      <Csrf token={props.csrf} />
      <p class="muted">{text.recordHint}</p>
      {Object.keys(errors).length > 0 && (
        <p class="flash error" role="alert">
          {Object.values(errors).join(locale === "zh-CN" ? "；" : "; ")}
        </p>
      )}
      <fieldset>
        <legend>{text.side}</legend>
        {CANCELLATION_SIDES.map((side) => (
          <label class="check">
            <input type="radio" name="side" value={side} checked={values.side === side} required />
            {sideText(side, locale)}
          </label>
        ))}
        {error("side")}
      </fieldset>
      <label>
        {text.cancelledAt}
        <input
          type="datetime-local"
          name="cancelled_at"
          value={values.cancelled_at}
          aria-invalid={errors.cancelled_at ? "true" : undefined}
        />
        {error("cancelled_at")}
      </label>
      <label>
        {text.reference}
        <span class="hint">{text.referenceHint}</span>
        <input name="reference" value={values.reference} maxlength={200} />
        {error("reference")}
      </label>
      <label>
        {text.evidence}
        <span class="hint">{text.evidenceHint}</span>
        <textarea name="evidence" rows={4} maxlength={2000}>
          {values.evidence}
        </textarea>
        {error("evidence")}
      </label>
      <div>
        <button type="submit">{text.save}</button>
      </div>
    </form>
  );
}

// ---- the page body ----

export function MembershipDetail(props: {
  locale: Locale;
  timeZone: string;
  csrf: string;
  today: string;
  membership: MembershipWithCancellations;
  events: EventRow[];
  timelineUrl: string | null;
  done?: string;
  cancellation: { values: CancellationFormValues; errors: CancellationErrors };
}) {
  const { locale, timeZone, membership: m } = props;
  const text = TEXT[locale];
  const cancelBy = cancelByDate(m);
  const missing = missingSides(m);
  const channel = channelName(m.channel, locale);
  const channelPath = channelCancelPath(m.channel, locale);
  const halfCancelled = m.cancellations.length > 0 && missing.includes("payment_channel");
  const doneText = props.done ? text.done[props.done] : undefined;
  const needed: Side[] = SEPARATE_AGREEMENT_CHANNELS.has(m.channel) ? ["platform", "payment_channel"] : ["platform"];
  return (
    <>
      <h1>
        {m.name} <span class={`badge ${m.status}`}>{statusText(m.status, locale)}</span>
      </h1>
      {doneText && <Flash>{doneText}</Flash>}
      {halfCancelled && (
        <Flash kind="error">
          {text.halfCancelled(channel)} {channelPath}
        </Flash>
      )}
      <div class="actions">
        <a class="button secondary" href={`/app/memberships/${m.id}/edit`}>
          {text.edit}
        </a>
        {props.timelineUrl && (
          <a class="button secondary" href={props.timelineUrl} rel="noreferrer">
            {text.timeline}
          </a>
        )}
      </div>
      <p class="muted">{props.timelineUrl ? text.timelineHint : text.linksOff}</p>

      <h2>{text.terms}</h2>
      <div class="card">
        <dl class="terms">
          <dt>{text.price}</dt>
          <dd>{priceText(m, locale)}</dd>
          <dt>{text.nextRenewal}</dt>
          <dd>
            {m.status === "active" && m.autoRenew ? (
              <>
                {dayText(m.nextRenewalOn, locale)}{" "}
                <span class="muted">{aside(relativeDays(props.today, m.nextRenewalOn, locale), locale)}</span>
              </>
            ) : (
              <>
                {text.noRenewal} <span class="muted">{aside(dayText(m.nextRenewalOn, locale), locale)}</span>
              </>
            )}
          </dd>
          {cancelBy && (
            <>
              <dt>{text.cancelBy}</dt>
              <dd>
                <strong>{dayText(cancelBy, locale)}</strong>{" "}
                <span class="muted">{aside(relativeDays(props.today, cancelBy, locale), locale)}</span>
              </dd>
            </>
          )}
          <dt>{text.autoRenew}</dt>
          <dd>{autoRenewText(m.status, m.autoRenew, locale)}</dd>
          <dt>{text.channel}</dt>
          <dd>{channel}</dd>
          <dt>{text.notice}</dt>
          <dd>{text.days(m.cancelNoticeDays)}</dd>
          {m.refundWindowDays > 0 && (
            <>
              <dt>{text.refundWindow}</dt>
              <dd>{text.days(m.refundWindowDays)}</dd>
            </>
          )}
          {m.trialEndsOn && (
            <>
              <dt>{text.trial}</dt>
              <dd>{dayText(m.trialEndsOn, locale)}</dd>
            </>
          )}
          {m.merchantAliases.length > 0 && (
            <>
              <dt>{text.aliases}</dt>
              <dd>{m.merchantAliases.join(locale === "zh-CN" ? "、" : ", ")}</dd>
            </>
          )}
          {m.supportContact && (
            <>
              <dt>{text.support}</dt>
              <dd>{m.supportContact}</dd>
            </>
          )}
          {m.notes && (
            <>
              <dt>{text.notes}</dt>
              <dd class="prewrap">{m.notes}</dd>
            </>
          )}
        </dl>
      </div>

      <h2>{text.howToCancel}</h2>
      <div class="card">
        {m.cancelUrl && (
          <p>
            {labelled(text.cancelUrl, locale)}
            <a href={m.cancelUrl} rel="noopener noreferrer">
              {m.cancelUrl}
            </a>
          </p>
        )}
        {m.cancelSteps ? <p class="prewrap">{m.cancelSteps}</p> : <p class="muted">{text.noSteps}</p>}
        {/* Steps typed by hand may leave out the channel's side; its path is always worth showing. */}
        {channelPath && !m.cancelSteps?.includes(channelPath) && <p class="prewrap">{channelPath}</p>}
      </div>

      <h2>{text.progress}</h2>
      <div class="card">
        <p class="muted">{needed.length > 1 ? text.needed : text.oneSide(channel)}</p>
        <ul class="plain">
          {needed.map((side) => (
            <li>
              {labelled(sideText(side, locale), locale)}
              {missing.includes(side) ? (
                <span class="side-missing">{text.missing}</span>
              ) : (
                <span class="side-done">✓ {text.recorded}</span>
              )}
            </li>
          ))}
        </ul>
      </div>

      <h2>{text.cancellations}</h2>
      {m.cancellations.length === 0 ? (
        <p class="muted">{text.noCancellations}</p>
      ) : (
        <ul class="plain">
          {m.cancellations.map((cancellation) => (
            <li class="card">
              <strong>{sideText(cancellation.side, locale)}</strong>
              <div class="muted">{instantText(cancellation.cancelledAt, locale, timeZone)}</div>
              {cancellation.reference && (
                <div>
                  {labelled(text.reference, locale)}
                  <code>{cancellation.reference}</code>
                </div>
              )}
              {cancellation.evidence && (
                <div class="prewrap">
                  {labelled(text.evidence, locale)}
                  {cancellation.evidence}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{text.record}</h2>
      <CancellationForm
        locale={locale}
        csrf={props.csrf}
        membershipId={m.id}
        values={props.cancellation.values}
        errors={props.cancellation.errors}
      />

      <h2>{text.events}</h2>
      {props.events.length === 0 ? (
        <p class="muted">{text.noEvents}</p>
      ) : (
        <div class="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{text.at}</th>
                <th>{text.kind}</th>
                <th>{text.price}</th>
              </tr>
            </thead>
            <tbody>
              {props.events.map((event) => (
                <tr>
                  <td>{instantText(event.occurredAt, locale, timeZone)}</td>
                  <td>
                    {text.eventKinds[event.kind] ?? event.kind}
                    {event.merchant && <div class="muted">{event.merchant}</div>}
                  </td>
                  <td>{amountText(event.amountMinor, event.currency, locale) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <details class="card">
        <summary>{text.deleteTitle}</summary>
        <p>{text.deleteHint}</p>
        <PostButton action={`/app/memberships/${m.id}/delete`} csrf={props.csrf} class="danger">
          {text.deleteConfirm}
        </PostButton>
      </details>
    </>
  );
}
