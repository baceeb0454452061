import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonForm, VoteForm } from "@/components/council/forms";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getAppeal, OUTCOME_LABELS, type AppealView } from "@/lib/council/appeals";
import { isAppError } from "@/lib/errors";
import { drawPanelAction, voteAppealAction } from "../actions";

export const metadata: Metadata = { title: "Appeal" };
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const SUBJECT = { comment: "a hidden comment", paper: "a hidden paper", suspension: "a suspension" } as const;
const STATUS = { awaiting_panel: "Waiting for its panel to be drawn", panel_drawn: "Being heard", decided: "Decided" } as const;

export default async function AppealPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ filed?: string; done?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const viewer = await getViewer();
  let appeal: AppealView;
  try {
    appeal = await getAppeal(getDb(), viewer, id);
  } catch (e) {
    // Appeals are private to those involved, the council and admins: others get a plain not found.
    if (isAppError(e) && (e.kind === "not_found" || e.kind === "forbidden" || e.kind === "unauthenticated")) notFound();
    throw e;
  }
  return (
    <article className="max-w-3xl space-y-6">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
        <Link href="/governance/appeals" className="underline">
          Appeals
        </Link>{" "}
        · {STATUS[appeal.status]}
      </p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Appeal against {SUBJECT[appeal.subject]}</h1>
      {sp.done === "panel" && appeal.panel.length ? (
        <Notice tone="success" role="status" title="The panel has been drawn">
          Its members have been told. They decide by majority, with written findings.
        </Notice>
      ) : null}
      {sp.done === "findings" && appeal.viewerVote ? (
        <Notice tone="success" role="status" title="Your findings are recorded">
          {appeal.status === "decided" ? "With them the panel's majority has decided the appeal." : "The appeal is decided when a majority of the panel agrees."}
        </Notice>
      ) : null}
      {sp.filed ? (
        <Notice tone="success" role="status" title="Your appeal is filed">
          A panel will be drawn by lot from the council to hear it. You will be told the outcome.
        </Notice>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Appellant</dt>
        <dd>{appeal.appellantName}</dd>
        <dt className="font-medium">Moderator who acted</dt>
        <dd>{appeal.moderatorName ?? "Not recorded"}</dd>
        <dt className="font-medium">Decision appealed</dt>
        <dd>
          {day.format(appeal.actedAt)}
          {appeal.actReason ? `: “${appeal.actReason}”` : ""}
        </dd>
        <dt className="font-medium">Filed</dt>
        <dd>{day.format(appeal.filedAt)}</dd>
      </dl>
      <section aria-labelledby="statement" className="space-y-2">
        <h2 id="statement" className="text-xl font-semibold">
          Statement
        </h2>
        <p className="whitespace-pre-line">{appeal.statement}</p>
      </section>
      <section aria-labelledby="panel" className="space-y-2">
        <h2 id="panel" className="text-xl font-semibold">
          Panel
        </h2>
        {appeal.panel.length ? (
          <ul className="list-inside list-disc">
            {appeal.panel.map((p) => (
              <li key={p.userId}>
                {p.name}
                {appeal.status !== "decided" ? (p.voted ? " (has given findings)" : " (not yet)") : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>Not drawn yet. It is drawn by lot from the council, leaving out the moderator who acted and the appellant.</p>
        )}
        {appeal.panelDrawId ? (
          <p className="text-sm">
            <Link href={`/governance/council/draws/${appeal.panelDrawId}`} className="underline">
              The panel&rsquo;s draw
            </Link>{" "}
            can be verified like any other.
          </p>
        ) : null}
        {appeal.canDrawPanel ? <ButtonForm action={drawPanelAction} hidden={{ appealId: appeal.id }} label="Draw the panel" pendingLabel="Drawing…" /> : null}
      </section>
      {appeal.status === "decided" ? (
        <section aria-labelledby="decision" className="space-y-2">
          <h2 id="decision" className="text-xl font-semibold">
            Decision: {OUTCOME_LABELS[appeal.outcome!]}
          </h2>
          <p className="text-sm text-slate-700">Decided {appeal.decidedAt ? day.format(appeal.decidedAt) : ""} by a majority of the panel.</p>
          <h3 className="font-semibold">Findings</h3>
          <p className="whitespace-pre-line">{appeal.findings}</p>
          {appeal.remedy ? (
            <>
              <h3 className="font-semibold">Remedy</h3>
              <p className="whitespace-pre-line">{appeal.remedy}</p>
            </>
          ) : null}
        </section>
      ) : appeal.canDecide ? (
        <section aria-labelledby="decide" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4 sm:p-6">
          <h2 id="decide" className="text-xl font-semibold">
            Your findings
          </h2>
          <VoteForm action={voteAppealAction} appealId={appeal.id} current={appeal.viewerVote} />
        </section>
      ) : null}
    </article>
  );
}
