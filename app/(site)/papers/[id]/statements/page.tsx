import type { Metadata } from "next";
import Link from "next/link";
import { VoteBar } from "@/components/map/agreement-map";
import { StatementForm, VoteForm } from "@/components/map/forms";
import { orNotFound } from "@/components/papers/load";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getPaperStatements } from "@/lib/map/queries";
import { STATEMENT_MAX } from "@/lib/validation/convergence";
import { createPaperStatementAction, votePaperStatementAction } from "./actions";

export const metadata: Metadata = { title: "Statements about this paper" };

const VOTE_WORD = { 1: "agree", [-1]: "disagree", 0: "pass" } as const;

export default async function PaperStatementsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ skip?: string | string[] }> }) {
  const [{ id }, { skip }] = await Promise.all([params, searchParams]);
  const skipped = (Array.isArray(skip) ? skip : skip ? [skip] : []).slice(0, 50);
  const viewer = await getViewer();
  const view = await orNotFound(() => getPaperStatements(getDb(), viewer, id, { skip: skipped }));
  const base = `/papers/${id}/statements`;
  const skipHref = view.next ? `${base}?${new URLSearchParams([...skipped, view.next.id].map((s) => ["skip", s])).toString()}#vote-heading` : base;
  const mapHref = `/themes/${view.theme.slug}/map`;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/papers/${id}`} className="text-blue-800 underline">
          ← Back to the paper
        </Link>
      </p>
      <PageHeader title={`Statements about “${view.paper.title}”`}>
        <p>
          Short claims about this paper to agree or disagree with. They are part of the{" "}
          <Link href={mapHref} className="text-blue-800 underline">
            agreement map of {view.theme.title}
          </Link>
          , which shows how each group of members sees them.
        </p>
      </PageHeader>

      <section aria-labelledby="vote-heading" className="space-y-3">
        <h2 id="vote-heading" className="text-xl font-semibold">
          Vote
        </h2>
        {!view.signedIn ? (
          <p className="text-slate-700">
            <Link href={`/sign-in?next=${encodeURIComponent(base)}`} className="text-blue-800 underline">
              Sign in
            </Link>{" "}
            as a verified member to vote.
          </p>
        ) : !view.canVote ? (
          <p className="text-slate-700">Voting is for verified members in good standing.</p>
        ) : view.next ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">
              You have voted on {view.votedCount} of the {view.statements.length} statements about this paper.
            </p>
            <VoteForm key={view.next.id} statementId={view.next.id} body={view.next.body} action={votePaperStatementAction} skipHref={skipHref} />
          </div>
        ) : view.statements.length > view.votedCount && skipped.length ? (
          <p className="text-slate-700">
            You skipped the rest.{" "}
            <Link href={base} className="text-blue-800 underline">
              Show the skipped statements again
            </Link>
          </p>
        ) : (
          <p className="text-slate-700">{view.statements.length ? "You have voted on every statement about this paper." : "There are no statements about this paper yet."}</p>
        )}
      </section>

      <section aria-labelledby="statements-heading" className="space-y-3">
        <h2 id="statements-heading" className="text-xl font-semibold">
          How members voted
        </h2>
        {view.statements.length ? (
          <ul className="space-y-3">
            {view.statements.map((s) => (
              <li key={s.id} className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
                <p className="text-slate-900">{s.body}</p>
                {s.mine !== null ? <p className="text-sm text-slate-700">You voted: {VOTE_WORD[s.mine]}</p> : null}
                <VoteBar agree={s.agree} disagree={s.disagree} pass={s.pass} label="Everyone" />
                {view.groups.map((g) => {
                  const c = s.perGroup[g.key];
                  return c ? <VoteBar key={g.key} label={g.name} agree={c.agree} disagree={c.disagree} pass={c.pass} /> : null;
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">No statements yet.{view.canWrite ? " Write the first one below." : ""}</p>
        )}
        {view.canWrite ? (
          <div className="space-y-2 pt-2">
            <h3 className="font-semibold">Add a statement about this paper</h3>
            <StatementForm themeId={view.theme.id} paperId={view.paper.id} action={createPaperStatementAction} max={STATEMENT_MAX} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
