import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { AUDIT_KINDS, AUDIT_PAGE_SIZE, listAuditLog, type AuditKind } from "@/lib/audit/queries";
import { describeGovernance, GOVERNANCE_ACTION_LABELS } from "@/lib/governance/log-labels";

export const metadata: Metadata = { title: "Moderation log" };

/** Each action in plain words, as the second half of "<who> <did what>". */
const ACTION_LABELS: Record<string, string> = {
  "paper.accept": "accepted a paper",
  "paper.return": "returned a paper to its author",
  "paper.reject": "rejected a paper",
  "paper.hide": "hid a paper",
  "paper.restore": "restored a paper",
  "call.create": "opened a call for papers",
  "call.close": "closed a call for papers",
  "comment.hide": "hid a comment",
  "comment.restore": "restored a comment",
  "fact.accept": "accepted a fact",
  "fact.amend": "amended a fact",
  "fact.reject": "rejected a proposed fact",
  "fact.retract": "retracted a fact",
  "dispute.resolve": "settled a dispute",
  "member.suspend": "suspended a member",
  "member.reinstate": "reinstated a member",
  "member.verify": "verified a member by hand",
  "role.grant": "granted a role",
  "role.revoke": "revoked a role",
  "theme.create": "created a theme",
  "theme.update": "edited a theme",
  "theme.archive": "archived a theme",
  "theme.unarchive": "restored a theme",
  "theme.reorder": "reordered themes",
  "theme.setCurators": "changed a theme's curators",
  "roll.import": "imported the membership roll",
  ...GOVERNANCE_ACTION_LABELS,
};
const TARGET_LINK_TEXT: Record<string, string> = { election: "See the election", decision: "See the decision", paper: "See the paper", comment: "See the comment", theme: "See the theme", call: "See the theme", fact: "See the fact", dispute: "See the fact" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function describe(details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof details.title === "string") parts.push(`“${details.title}”`);
  if (typeof details.statement === "string") parts.push(`“${details.statement}”`);
  if (typeof details.outcome === "string") parts.push(`outcome: ${details.outcome}`);
  if (typeof details.role === "string") parts.push(`role: ${details.role.replace("_", " ")}`);
  if (typeof details.accepted === "number") parts.push(`${details.accepted} rows accepted, ${details.rejected} rejected`);
  if (typeof details.direction === "string") parts.push(`moved ${details.direction}`);
  parts.push(...describeGovernance(details));
  return parts.join(" · ");
}

/** A yyyy-mm-dd day from the address, or nothing if it is not one. */
function day(value: string | undefined): { text: string; date: Date } | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : { text: value, date };
}

export default async function ModerationLogPage({ searchParams }: { searchParams: Promise<{ kind?: string; page?: string; from?: string; to?: string }> }) {
  const sp = await searchParams;
  const kind = sp.kind && sp.kind in AUDIT_KINDS ? (sp.kind as AuditKind) : undefined;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const from = day(sp.from);
  const to = day(sp.to);
  const { rows, total } = await listAuditLog(getDb(), await getViewer(), { kind, page, from: from?.date, to: to?.date });
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(kind ? { kind } : {}), ...(from ? { from: from.text } : {}), ...(to ? { to: to.text } : {}), ...extra }).toString();
  const href = (p: number) => `/moderation-log?${query({ page: String(p) })}`;
  const kindHref = (k: string) => {
    const q = new URLSearchParams({ ...(k ? { kind: k } : {}), ...(from ? { from: from.text } : {}), ...(to ? { to: to.text } : {}) }).toString();
    return q ? `/moderation-log?${q}` : "/moderation-log";
  };
  const filtered = !!(kind || from || to);
  return (
    <div className="space-y-6">
      <PageHeader title="Moderation log">
        <p>
          Every moderation, admin and governance action, who took it and why. Anyone can read it, so that those who run the site answer for it, and anyone can{" "}
          <Link href="/moderation-log/verify" className="underline">
            check that no entry was changed or removed
          </Link>
          .
        </p>
      </PageHeader>
      <nav aria-label="Filter the log" className="flex flex-wrap gap-2">
        {[["", "Everything"], ...Object.entries(AUDIT_KINDS)].map(([k, label]) => (
          <Link
            key={k}
            href={kindHref(k!)}
            aria-current={(kind ?? "") === k ? "page" : undefined}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white"
          >
            {label}
          </Link>
        ))}
      </nav>
      <form method="get" action="/moderation-log" className="flex flex-wrap items-end gap-3" aria-label="Dates">
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
        <div className="space-y-1">
          <label htmlFor="log-from" className="block text-sm font-medium">
            From
          </label>
          <input id="log-from" name="from" type="date" defaultValue={from?.text} className="rounded-md border border-slate-400 bg-white px-3 py-2" />
        </div>
        <div className="space-y-1">
          <label htmlFor="log-to" className="block text-sm font-medium">
            To
          </label>
          <input id="log-to" name="to" type="date" defaultValue={to?.text} className="rounded-md border border-slate-400 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Show these dates
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "Nothing logged that matches" : "Nothing logged yet"}>
          <p>{filtered ? "Try another kind of action or other dates." : "When moderators or admins act, each action appears here with its reason."}</p>
        </EmptyState>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Log entries, newest first">
          {rows.map((row) => (
            <li key={row.id} className="space-y-1 px-4 py-3">
              <p>
                <strong>{row.actorName ?? "A former account"}</strong> {ACTION_LABELS[row.action] ?? row.action}
                {describe(row.details) ? <span className="text-slate-700"> · {describe(row.details)}</span> : null}
              </p>
              {row.reason ? <p className="text-slate-800">Reason: {row.reason}</p> : null}
              <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
                <time dateTime={row.createdAt.toISOString()}>{when.format(row.createdAt)} UTC</time>
                {row.targetHref ? (
                  <Link href={row.targetHref} className="text-blue-800 underline" prefetch={false}>
                    {TARGET_LINK_TEXT[row.targetType] ?? "See it"}
                    {typeof row.details.title === "string" ? <span className="sr-only">: {row.details.title}</span> : null}
                  </Link>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} total={total} pageSize={AUDIT_PAGE_SIZE} href={href} />
    </div>
  );
}
