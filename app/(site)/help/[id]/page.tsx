import type { Metadata } from "next";
import Link from "next/link";
import { formatDay } from "@/components/help/request-card";
import { AnswerForm, CloseRequest, InviteButton } from "@/components/help/request-controls";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { findMatches, getHelpRequest, skillLabels } from "@/lib/help/queries";
import { RANKING_EXPLAINED } from "@/lib/help/ranking";
import { OUTCOME_LABELS } from "@/lib/help/validation";
import { answerAction, closeAction, inviteAction } from "../actions";

export const metadata: Metadata = { title: "Help request" };

const STATUS_LABELS = { pending: "Invited, not answered yet", yes: "Said yes", no: "Said no", later: "Asked to be asked later", withdrawn: "Withdrawn" } as const;
const pct = (n: number) => `${Math.round(n * 100)} %`;

export default async function HelpRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ posted?: string }> }) {
  const [{ id }, { posted }] = await Promise.all([params, searchParams]);
  const db = getDb();
  const viewer = await getViewer();
  const request = await loadForPage(() => getHelpRequest(db, viewer, id));
  const [labels, matches] = await Promise.all([skillLabels(db), request.may.invite ? findMatches(db, viewer, id) : Promise.resolve([])]);
  const label = (s: string) => labels.get(s) ?? s;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={request.title}>
        <p>
          Asked by {request.requesterName} · {request.hoursNeeded} hours · {request.remote ? "remote" : request.region} · deadline {formatDay(request.deadline)}
          {request.themeTitle ? ` · ${request.themeTitle}` : ""}
        </p>
      </PageHeader>
      {posted ? (
        <Notice tone="success" role="status">
          Your request is posted. Invite the members below whose skills fit.
        </Notice>
      ) : null}
      <section aria-labelledby="about-heading" className="space-y-2">
        <h2 id="about-heading" className="text-xl font-semibold">
          The work
        </h2>
        <p className="whitespace-pre-line">{request.description}</p>
        <p className="text-sm">Skills needed: {request.skills.map(label).join(", ")}</p>
        <p className="text-sm text-slate-700">
          {request.counts.invited} invited · {request.counts.yes} said yes
        </p>
      </section>
      {request.status === "closed" ? (
        <section aria-labelledby="outcome-heading" className="space-y-1 rounded-lg border border-slate-300 bg-slate-50 p-4">
          <h2 id="outcome-heading" className="text-xl font-semibold">
            What came of it: {request.outcome ? OUTCOME_LABELS[request.outcome] : "closed"}
          </h2>
          {request.outcomeNote ? <p>{request.outcomeNote}</p> : null}
        </section>
      ) : null}
      {request.mine && (request.mine.status === "pending" || request.mine.status === "later") && request.status === "open" ? (
        <section aria-labelledby="answer-heading" className="space-y-2 rounded-lg border border-blue-300 bg-blue-50 p-4">
          <h2 id="answer-heading" className="text-xl font-semibold">
            You are invited to help
          </h2>
          <AnswerForm action={answerAction} invitationId={request.mine.id} title={request.title} />
        </section>
      ) : request.mine ? (
        <p>Your answer: {STATUS_LABELS[request.mine.status]}.</p>
      ) : null}
      {request.may.invite ? (
        <section aria-labelledby="matches-heading" className="space-y-3">
          <h2 id="matches-heading" className="text-xl font-semibold">
            Best matches
          </h2>
          <details className="rounded-lg border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-medium">How the matches are ranked</summary>
            <p className="mt-2 text-sm">Score = (skill fit × weight + region × weight + hours × weight) × fairness. Only what each member lets you see counts.</p>
            <dl className="mt-2 space-y-2 text-sm">
              {RANKING_EXPLAINED.map((t) => (
                <div key={t.term}>
                  <dt className="font-semibold">
                    {t.term}
                    {t.weight !== null ? ` (weight ${t.weight})` : ""}
                  </dt>
                  <dd>{t.text}</dd>
                </div>
              ))}
            </dl>
          </details>
          {matches.length === 0 ? (
            <EmptyState title="Nobody matches yet" level={3}>
              <p>No member you may see lists one of these skills. Members join by filling in their directory profile.</p>
            </EmptyState>
          ) : (
            <ol className="space-y-3" aria-label="Matches, best first">
              {matches.map((m, i) => (
                <li key={m.memberId} className="rounded-lg border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <h3 className="font-semibold">
                        {i + 1}. {m.name} <span className="font-normal text-slate-700">· score {m.score.toFixed(2)}</span>
                      </h3>
                      <p className="text-sm">
                        Skills asked for that they have: {m.matchedSkills.map(label).join(", ") || "none"}
                        {m.region ? ` · ${m.region}` : ""}
                        {m.freeHours !== null ? ` · ${m.freeHours} hours free this month` : ""}
                      </p>
                      <p className="text-sm text-slate-700">
                        Skill fit {pct(m.terms.skillFit)} · region {pct(m.terms.regionFit)} · hours {pct(m.terms.hoursFit)} · fairness {m.terms.fairness.toFixed(2)}
                      </p>
                    </div>
                    {m.invitation ? (
                      <p className="text-sm font-medium">{STATUS_LABELS[m.invitation]}</p>
                    ) : request.status === "open" ? (
                      <InviteButton action={inviteAction} requestId={request.id} memberId={m.memberId} name={m.name} />
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
      {request.invitations.length ? (
        <section aria-labelledby="invitations-heading" className="space-y-2">
          <h2 id="invitations-heading" className="text-xl font-semibold">
            Invitations
          </h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {request.invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span>{inv.inviteeName}</span>
                <span className="text-sm">{STATUS_LABELS[inv.status]}</span>
              </li>
            ))}
          </ul>
          {request.invitations.some((i) => i.status === "yes") ? (
            <p className="text-sm">
              Those who said yes wrote to you in <Link href="/messages" className="text-blue-800 underline">your messages</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
      {request.may.close ? (
        <section aria-labelledby="close-heading" className="space-y-2">
          <h2 id="close-heading" className="text-xl font-semibold">
            Close the request
          </h2>
          <CloseRequest action={closeAction} requestId={request.id} />
        </section>
      ) : null}
    </div>
  );
}
