import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BallotForm, NominateForm, ReceiptForm, RespondForm } from "@/components/governance/election-forms";
import { StvTable } from "@/components/governance/stv-table";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isVerified } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getElection } from "@/lib/governance/queries";
import { castBallotAction, findReceiptAction, nominateAction, respondAction } from "../../actions";
import { formatDay, formatWhen, PHASE_LABELS } from "../../format";

export const metadata: Metadata = { title: "Election" };

async function load(id: string) {
  const viewer = await getViewer();
  try {
    return { viewer, election: await getElection(getDb(), viewer, id) };
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
}

export default async function ElectionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ responded?: string }> }) {
  const { id } = await params;
  const { responded } = await searchParams;
  const { viewer, election: e } = await load(id);
  // Said only when true of the viewer, so a link cannot tell them something that did not happen.
  const answered =
    responded === "accepted" && e.candidates.some((c) => c.userId === viewer.id)
      ? "You accepted: you are standing."
      : responded === "declined" && viewer.id && e.myPending.length === 0
        ? "You declined the nomination."
        : null;
  const verified = isVerified(viewer);
  const signIn = (
    <p>
      <Link href={`/sign-in?next=/governance/elections/${e.id}`}>Sign in</Link> as a verified member to take part.
    </p>
  );
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={e.title}>
        <p>
          {PHASE_LABELS[e.phase]} · {e.seats} seat{e.seats > 1 ? "s" : ""} · terms end {formatDay(e.termEndsAt)}
        </p>
      </PageHeader>
      {answered ? (
        <Notice tone="success" role="status">
          {answered}
        </Notice>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Nominations close</dt>
        <dd>{formatWhen(e.nominationsCloseAt)}</dd>
        <dt className="font-medium">Voting closes</dt>
        <dd>{formatWhen(e.votingClosesAt)}</dd>
        <dt className="font-medium">Committed seed (sha256)</dt>
        <dd className="break-all font-mono text-sm">{e.seedHash}</dd>
        {e.seed ? (
          <>
            <dt className="font-medium">Seed, revealed</dt>
            <dd className="break-all font-mono text-sm">{e.seed}</dd>
          </>
        ) : null}
      </dl>

      {e.myPending.map((n) => (
        <section key={n.nominationId} aria-labelledby={`pending-${n.nominationId}`} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id={`pending-${n.nominationId}`} className="text-lg font-semibold">
            You have been nominated{n.nominatedBy ? ` by ${n.nominatedBy}` : ""}
          </h2>
          {n.note ? <p>“{n.note}”</p> : null}
          {e.phase === "nominating" ? <RespondForm action={respondAction} nominationId={n.nominationId} /> : <p>Nominations have closed, so this nomination lapsed.</p>}
        </section>
      ))}

      <section aria-labelledby="candidates" className="space-y-3">
        <h2 id="candidates" className="text-xl font-semibold">
          Candidates
        </h2>
        {e.candidates.length === 0 ? (
          <p>No one is standing yet.</p>
        ) : (
          <ul className="space-y-3">
            {e.candidates.map((c) => (
              <li key={c.nominationId} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">{c.name}</h3>
                {c.statement ? <p className="whitespace-pre-line text-slate-800">{c.statement}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {e.phase === "nominating" ? (
        <section aria-labelledby="nominate" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="nominate" className="text-xl font-semibold">
            Stand, or nominate someone
          </h2>
          {verified ? <NominateForm action={nominateAction} electionId={e.id} /> : signIn}
        </section>
      ) : null}

      {e.phase === "voting" ? (
        <section aria-labelledby="vote" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="vote" className="text-xl font-semibold">
            Vote
          </h2>
          {!verified ? signIn : e.viewerHasVoted ? <Notice tone="success">You have voted. Keep your receipt to find your ballot after the count.</Notice> : <BallotForm action={castBallotAction} electionId={e.id} candidates={e.candidates} />}
        </section>
      ) : null}

      {e.phase === "counting" ? <Notice tone="info" title="Voting has closed">The count runs within a minute of the close; reload this page to see it.</Notice> : null}

      {e.counted ? (
        <>
          <section aria-labelledby="result" className="space-y-3">
            <h2 id="result" className="text-xl font-semibold">
              Result
            </h2>
            <p>
              Elected:{" "}
              <strong>{e.counted.result.stv.elected.map((i) => e.counted!.result.candidates[i]!.name).join(", ") || "no one"}</strong>. Counted {formatWhen(e.counted.countedAt)}.
            </p>
            <p data-testid="reconciliation">
              Eligible {e.counted.reconciliation.eligible} · voted {e.counted.reconciliation.voted} · blank {e.counted.reconciliation.blank} · valid {e.counted.reconciliation.valid} · counted {e.counted.reconciliation.counted}
            </p>
            {e.counted.recounts.map((r, i) => (
              <p key={i}>
                A seat fell vacant: on {formatDay(r.at)} a recount of these ballots without {r.withdrawn.join(", ")} seated {r.elected.join(", ")} for the rest of the term.
              </p>
            ))}
            {e.counted.result.stv.stages.length ? (
              <StvTable result={e.counted.result.stv} names={e.counted.result.candidates.map((c) => c.name)} caption="The count, stage by stage" />
            ) : null}
          </section>
          <section aria-labelledby="ballots" className="space-y-3">
            <h2 id="ballots" className="text-xl font-semibold">
              Published ballots
            </h2>
            <p>Every ballot, without voter or time, sorted by its ranking. Count them with any STV program, or `npx tsx scripts/recount.ts` with the seed above.</p>
            <ul className="space-y-2">
              <li>
                <a href={`/governance/elections/${e.id}/ballots.blt`} className="text-blue-800 underline">
                  Ballots as BLT
                </a>{" "}
                <span className="block break-all font-mono text-xs text-slate-700">sha256 {e.counted.bltSha256}</span>
              </li>
              <li>
                <a href={`/governance/elections/${e.id}/ballots.json`} className="text-blue-800 underline">
                  Ballots as JSON, with receipt fingerprints
                </a>{" "}
                <span className="block break-all font-mono text-xs text-slate-700">sha256 {e.counted.jsonSha256}</span>
              </li>
            </ul>
            <h3 className="text-lg font-semibold">Find your own ballot</h3>
            <ReceiptForm action={findReceiptAction} electionId={e.id} />
          </section>
        </>
      ) : null}
    </div>
  );
}
