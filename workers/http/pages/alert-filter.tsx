// The alerts list's filter: by state and by kind, read from the query and written back into links and form actions.
import type { Context } from "hono";
import { ALERT_KINDS, ALERT_STATES } from "../../../schema/tables";
import type { Locale } from "../../texts/alerts";
import { alertKindName } from "../../texts/kind-names";
import type { PageEnv } from "../session";
import { TEXT } from "./alerts-text";

type Kind = (typeof ALERT_KINDS)[number];
type State = (typeof ALERT_STATES)[number];

export interface Filter {
  kind?: Kind;
  state?: State;
}

/** The list's filter from the query; unknown values are no filter. */
export function filterOf(c: Context<PageEnv>): Filter {
  return {
    kind: ALERT_KINDS.find((known) => known === c.req.query("kind")),
    state: ALERT_STATES.find((known) => known === c.req.query("state")),
  };
}

/** The query for a filter (kind first, so the kind links stay /app/alerts?kind=…), with extras such as done. */
export function filterQuery(filter: Filter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.state) query.set("state", filter.state);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function FilterLinks(props: { filter: Filter; locale: Locale }) {
  const text = TEXT[props.locale];
  const { filter } = props;
  return (
    <>
      <nav class="kinds" aria-label={text.stateFilter}>
        <a href={`/app/alerts${filterQuery({ kind: filter.kind })}`} aria-current={filter.state ? undefined : "page"}>
          {text.all}
        </a>
        {ALERT_STATES.map((state) => (
          <a
            href={`/app/alerts${filterQuery({ ...filter, state })}`}
            aria-current={filter.state === state ? "page" : undefined}
          >
            {text.states[state]}
          </a>
        ))}
      </nav>
      <nav class="kinds" aria-label={text.title}>
        <a href={`/app/alerts${filterQuery({ state: filter.state })}`} aria-current={filter.kind ? undefined : "page"}>
          {text.all}
        </a>
        {ALERT_KINDS.map((each) => (
          <a
            href={`/app/alerts${filterQuery({ ...filter, kind: each })}`}
            aria-current={filter.kind === each ? "page" : undefined}
          >
            {alertKindName(each, props.locale)}
          </a>
        ))}
      </nav>
    </>
  );
}
