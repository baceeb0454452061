import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isVerified } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listDecisions, type DecisionSummary } from "@/lib/governance/queries";
import { DECISION_STATUS_LABELS, ELECTORATE_LABELS, formatWhen } from "../format";

export const metadata: Metadata = { title: "Decisions" };
const KIND = { consent: "Consent", approval: "Approval", ranked: "Ranked choice", score: "Score" } as const;

function DecisionList({ items, label }: { items: DecisionSummary[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((d) => (
        <li key={d.id} className="space-y-1 px-4 py-3">
          <Link href={`/governance/decisions/${d.id}`} className="font-semibold text-blue-800 underline">
            {d.question}
          </Link>
          <p className="text-sm text-slate-700">
            {KIND[d.kind]} · {d.electorate === "theme" && d.themeTitle ? `participants of ${d.themeTitle}` : ELECTORATE_LABELS[d.electorate]} · {DECISION_STATUS_LABELS[d.status]} ·{" "}
            {d.status === "closed" ? `closed ${formatWhen(d.closesAt)}` : `closes ${formatWhen(d.closesAt)}`} · {d.votes} vote{d.votes === 1 ? "" : "s"}
          </p>
          {d.outcome ? <p>{d.outcome}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function DecisionsPage() {
  const db = getDb();
  const viewer = await getViewer();
  const [open, closed] = await Promise.all([listDecisions(db, { status: "open" }), listDecisions(db, { status: "closed" })]);
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title="Decisions" actions={isVerified(viewer) ? <ButtonLink href="/governance/decisions/new">Open a decision</ButtonLink> : undefined}>
        <p>Questions put to the members, a theme’s participants or the council. Votes can change until the close; the outcome is announced and logged.</p>
      </PageHeader>
      <section aria-labelledby="open" className="space-y-3">
        <h2 id="open" className="text-xl font-semibold">
          Open
        </h2>
        {open.length ? <DecisionList items={open} label="Open decisions" /> : <EmptyState title="No open decisions"><p>Council members, curators and members (with seconds) can open one.</p></EmptyState>}
      </section>
      <section aria-labelledby="closed" className="space-y-3">
        <h2 id="closed" className="text-xl font-semibold">
          Closed
        </h2>
        {closed.length ? <DecisionList items={closed} label="Closed decisions" /> : <p>None yet.</p>}
      </section>
    </div>
  );
}
