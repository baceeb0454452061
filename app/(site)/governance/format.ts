/** Shared wording for the governance pages. Times are shown in UTC, as the forms ask for them. */
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export const formatWhen = (d: Date) => `${dateTime.format(d)} UTC`;
export const formatDay = (d: Date) => date.format(d);
/** A value for <input type="datetime-local">, in UTC. */
export const localInput = (d: Date) => d.toISOString().slice(0, 16);

export const PHASE_LABELS = {
  nominating: "Nominations open",
  voting: "Voting open",
  counting: "Voting closed, count due",
  counted: "Counted",
  cancelled: "Cancelled",
} as const;

export const ELECTORATE_LABELS = { members: "All verified members", theme: "The theme's participants", council: "The council" } as const;
export const DECISION_STATUS_LABELS = { seeking_seconds: "Needs seconds", open: "Open for votes", closed: "Closed" } as const;
