// The home page's "needs action" list: open alerts about charges after a cancellation, half-done cancellations
// and subscriptions nobody is tracking, newest first, each linking to where the user can act on it and to
// where it can be marked resolved.

import type { AlertRow } from "../../db/alerts";
import type { Locale } from "../../texts/alerts";
import { alertTitle } from "../../texts/in-locale";
import { alertKindName } from "../../texts/kind-names";
import { localDateTime } from "../../time/zones";

const LABELS = {
  "zh-CN": {
    open: "查看会员",
    inbox: "去认领",
    resolve: "标为已处理…",
    none: "没有需要处理的事。取消后仍被扣款、自动扣款协议未关闭或出现未登记的订阅时，会显示在这里。",
  },
  en: {
    open: "Open the membership",
    inbox: "Sort it out in the inbox",
    resolve: "Mark resolved…",
    none: "Nothing needs your action. Charges after a cancellation, automatic payments still open and subscriptions you have not registered show up here.",
  },
} satisfies Record<Locale, unknown>;

/** Where the user acts on an alert: the membership, or the inbox for a charge no membership claims. */
export function alertTarget(alert: AlertRow): string {
  return alert.kind === "unknown_subscription" || !alert.membershipId
    ? "/app/inbox"
    : `/app/memberships/${alert.membershipId}`;
}

export function ActionAlerts(props: { alerts: AlertRow[]; locale: Locale; timeZone: string }) {
  const labels = LABELS[props.locale];
  if (props.alerts.length === 0) return <p class="muted">{labels.none}</p>;
  return (
    <ul class="actions">
      {props.alerts.map((alert) => {
        // The title names the amount where there is one, in the reader's language: the amount is said once.
        const target = alertTarget(alert);
        return (
          <li class={`action ${alert.kind}`} data-kind={alert.kind}>
            <p class="what">
              <span class="badge cancelled">{alertKindName(alert.kind, props.locale)}</span>{" "}
              <time datetime={alert.createdAt} class="muted">
                {localDateTime(Date.parse(alert.createdAt), props.timeZone)}
              </time>
            </p>
            <p class="title">{alertTitle(alert, props.locale)}</p>
            <p class="next">
              <a href={target} class="button secondary">
                {target === "/app/inbox" ? labels.inbox : labels.open}
              </a>{" "}
              <a href={`/app/alerts?state=open#${alert.id}`}>{labels.resolve}</a>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export const ALERTS_STYLE = `
ul.actions{list-style:none;padding:0;margin:0}
li.action{border-left:4px solid var(--danger);padding:.5rem .75rem;margin:0 0 .6rem;background:#fff8f8;border-radius:.3rem}
li.action p{margin:0 0 .3rem}
li.action p.next{margin:0}
`;
