import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionVoteForm, KIND_LABELS, SecondForm } from "@/components/governance/decision-forms";
import { StvTable } from "@/components/governance/stv-table";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import type { DecisionChoice } from "@/db/schema";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getDecision, type DecisionView } from "@/lib/governance/queries";
import type { Tally } from "@/lib/governance/tally";
import { decisionVoteAction, secondDecisionAction } from "../../actions";
import { DECISION_STATUS_LABELS, ELECTORATE_LABELS, formatWhen } from "../../format";

export const metadata: Metadata = { title: "Decision" };

function Results({ d, tally }: { d: DecisionView; tally: Tally }) {
  if (tally.kind === "consent") {
    return (
      <div className="space-y-2">
        <ul className="ml-6 list-disc">
          {(["agree", "abstain", "disagree", "block"] as const).map((k) => (
            <li key={k}>
              {k[0]!.toUpperCase() + k.slice(1)}: {tally.counts[k]}
            </li>
          ))}
        </ul>
        {tally.blocks.length ? (
          <div>
            <p className="font-medium">Reasons for blocking</p>
            <ul className="ml-6 list-disc">
              {tally.blocks.map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    );
  }
  if (tally.kind === "approval") {
    return (
      <ul className="ml-6 list-disc">
        {tally.counts.map((c) => (
          <li key={c.optionId}>
            {c.label}: {c.votes} approval{c.votes === 1 ? "" : "s"}
          </li>
        ))}
      </ul>
    );
  }
  if (tally.kind === "score") {
    return (
      <ul className="ml-6 list-disc">
        {tally.scores.map((s) => (
          <li key={s.optionId}>
            {s.label}: average {s.mean.toFixed(2)} from {s.voters} score{s.voters === 1 ? "" : "s"} (total {s.total})
          </li>
        ))}
      </ul>
    );
  }
  return tally.stv ? <StvTable result={tally.stv} names={d.options.map((o) => o.label)} caption="The count, round by round" /> : null;
}

function describeChoice(d: DecisionView, c: DecisionChoice): string {
  const label = (id: string) => d.options.find((o) => o.id === id)?.label ?? "?";
  if ("consent" in c) return c.consent + (c.reason ? `: “${c.reason}”` : "");
  if ("approve" in c) return c.approve.map(label).join(", ") || "none";
  if ("ranking" in c) return c.ranking.map(label).join(" › ");
  return Object.entries(c.scores).map(([id, s]) => `${label(id)} ${s}`).join(", ");
}

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  let d: DecisionView;
  try {
    d = await getDecision(getDb(), viewer, id);
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
  const who = d.electorate === "theme" && d.theme ? `participants of ${d.theme.title}` : ELECTORATE_LABELS[d.electorate].toLowerCase();
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={d.question}>
        <p>
          {KIND_LABELS[d.kind]}. Decided by {who}. {DECISION_STATUS_LABELS[d.status]}; {d.status === "closed" ? "closed" : "closes"} {formatWhen(d.closesAt)}.
        </p>
      </PageHeader>
      <Notice tone="info" title={d.anonymous ? "Anonymous voting" : "Named voting"}>
        <p>{d.anonymous ? "Only the counts are shown; no one sees who chose what." : "Once it closes, verified members see who chose what."} The opener chose this before anyone voted.</p>
      </Notice>
      {d.details ? <p className="whitespace-pre-line">{d.details}</p> : null}
      <p className="text-sm text-slate-700">
        Opened by {d.openedBy ?? "a former account"} as {d.openedAs === "council" ? "a council member" : d.openedAs === "curator" ? "a curator of the theme" : "a member"}
        {d.theme ? (
          <>
            {" "}
            in <Link href={`/themes/${d.theme.slug}`} className="underline">{d.theme.title}</Link>
          </>
        ) : null}
        . {d.votes} vote{d.votes === 1 ? "" : "s"} so far.
      </p>
      {d.kind !== "consent" ? (
        <section aria-labelledby="options" className="space-y-2">
          <h2 id="options" className="text-xl font-semibold">
            Options
          </h2>
          <ol className="ml-6 list-decimal">
            {d.options.map((o) => (
              <li key={o.id}>{o.label}</li>
            ))}
          </ol>
          {d.kind === "ranked" ? <p className="text-sm text-slate-700">{d.seats === 1 ? "One winner, by instant-runoff." : `${d.seats} winners, by single transferable vote.`}</p> : null}
        </section>
      ) : null}

      {d.status === "seeking_seconds" ? (
        <section aria-labelledby="seconds" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="seconds" className="text-xl font-semibold">
            Seconds: {d.seconds} of {d.secondsRequired}
          </h2>
          <p>It opens for votes when {d.secondsRequired} participants of the theme second it.</p>
          {d.canSecond ? <SecondForm action={secondDecisionAction} decisionId={d.id} /> : null}
        </section>
      ) : null}

      {d.status === "open" ? (
        <section aria-labelledby="vote" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="vote" className="text-xl font-semibold">
            Vote
          </h2>
          {d.canVote ? (
            <DecisionVoteForm action={decisionVoteAction} decisionId={d.id} kind={d.kind} options={d.options} myVote={d.myVote} />
          ) : viewer.id ? (
            <p>This decision is for {who}; you are not among them.</p>
          ) : (
            <p>
              <Link href={`/sign-in?next=/governance/decisions/${d.id}`}>Sign in</Link> to vote.
            </p>
          )}
        </section>
      ) : null}

      {d.status === "closed" ? (
        <section aria-labelledby="outcome" className="space-y-3">
          <h2 id="outcome" className="text-xl font-semibold">
            Outcome
          </h2>
          <p className="text-lg font-medium" data-testid="outcome">
            {d.outcome}
          </p>
          {d.result ? <Results d={d} tally={d.result} /> : null}
          {d.seed ? <p className="break-all text-sm text-slate-700">Seed for ties, committed as {d.seedHash}: {d.seed}</p> : null}
          {d.named && d.named.length ? (
            <>
              <h3 className="text-lg font-semibold">Who chose what</h3>
              <ul className="ml-6 list-disc">
                {d.named.map((n, i) => (
                  <li key={i}>
                    {n.name}: {describeChoice(d, n.choice)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
