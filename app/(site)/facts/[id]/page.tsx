import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisputeCommentForm, DisputeForm, ReasonDialog, ReasonForm, ResolveForm } from "@/components/facts/fact-actions";
import { FlagNotice, HardnessBadge, HardnessExplanation } from "@/components/facts/hardness";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { can, type Actor, type FactResource } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getFactDetail, type DisputeView, type FactDetail } from "@/lib/facts/queries";
import { SOURCE_KIND_LABELS } from "@/lib/validation/facts";
import {
  acceptFactAction,
  confirmFactAction,
  disputeCommentAction,
  disputeFactAction,
  rejectFactAction,
  resolveDisputeAction,
  retractFactAction,
} from "../actions";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const STATUS_LABEL = { proposed: "Proposed, waiting for a fact editor", accepted: "Accepted", rejected: "Rejected", retracted: "Retracted" } as const;
const DISPUTE_LABEL = { open: "Open", upheld: "Settled: the fact stands", amended: "Settled: the fact was amended", retracted: "Settled: the fact was retracted" } as const;

async function load(id: string, viewer: Actor): Promise<FactDetail> {
  try {
    return await getFactDetail(getDb(), viewer, id);
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const fact = await load((await params).id, await getViewer());
  return { title: `Fact: ${fact.statement.slice(0, 60)}`, description: fact.statement };
}

export default async function FactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ proposed?: string; amended?: string; saved?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  const viewer = await getViewer();
  const fact = await load(id, viewer);
  const resource: FactResource = { id: fact.id, status: fact.status, proposedBy: fact.proposedBy };
  const openDisputes = fact.disputes.filter((d) => d.status === "open").length;
  const disputeResource = (d: DisputeView) => ({ id: d.id, status: d.status, openedBy: d.openedBy, fact: resource });

  return (
    <article className="space-y-10">
      <header className="space-y-4">
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
          <Link href="/facts" className="underline">
            Facts
          </Link>{" "}
          · {STATUS_LABEL[fact.status]}
        </p>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{fact.statement}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <HardnessBadge score={fact.hardness.score} />
          {fact.themes.map((t) => (
            <Link key={t.id} href={`/themes/${t.slug}`} className="rounded-full border border-slate-300 px-3 py-0.5 text-sm underline-offset-2 hover:underline">
              {t.title}
            </Link>
          ))}
        </div>
        <FlagNotice status={fact.status} openDisputes={openDisputes} />
        {sp.proposed ? <Notice tone="success" role="status" title="Thank you: your fact is proposed">A fact editor will check it and accept, amend or reject it with a reason.</Notice> : null}
        {sp.amended ? <Notice tone="success" role="status">The fact was amended; its earlier version is kept below.</Notice> : null}
        {sp.saved ? <Notice tone="success" role="status">Your correction is saved as a new version.</Notice> : null}
        {fact.status === "rejected" ? <Notice tone="warning" title="Rejected">{fact.decisionReason}</Notice> : null}
        {fact.status === "retracted" && fact.decisionReason ? <p className="text-slate-800">Reason for the retraction: {fact.decisionReason}</p> : null}
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {fact.figure ? (
            <>
              <dt className="font-medium text-slate-700">Figure</dt>
              <dd className="text-lg font-semibold">{fact.figure}</dd>
            </>
          ) : null}
          {fact.asOf || fact.period ? (
            <>
              <dt className="font-medium text-slate-700">When</dt>
              <dd>{[fact.period, fact.asOf ? `as of ${when.format(new Date(fact.asOf))}` : null].filter(Boolean).join(", ")}</dd>
            </>
          ) : null}
          {fact.place ? (
            <>
              <dt className="font-medium text-slate-700">Where</dt>
              <dd>{fact.place}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-700">Proposed by</dt>
          <dd>
            {fact.proposedByName ?? "A former member"} on {when.format(fact.createdAt)}
            {fact.decidedByName && fact.status !== "proposed" ? `; decided by ${fact.decidedByName}` : null}
          </dd>
          <dt className="font-medium text-slate-700">Confirmed by</dt>
          <dd>
            {fact.confirmations === 1 ? "1 member" : `${fact.confirmations} members`}
            {fact.viewerStance === "confirm" ? " (you among them)" : null}
          </dd>
        </dl>
      </header>

      <section aria-labelledby="hardness-heading" className="space-y-3">
        <h2 id="hardness-heading" className="text-xl font-semibold">
          Why it scores {fact.hardness.score}
        </h2>
        <HardnessExplanation hardness={fact.hardness} />
      </section>

      <section aria-labelledby="sources-heading" className="space-y-3">
        <h2 id="sources-heading" className="text-xl font-semibold">
          Sources
        </h2>
        <ul className="space-y-3">
          {fact.sources.map((s, i) => (
            <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
              <a href={s.url} className="break-words font-medium text-blue-800 underline" rel="nofollow noopener">
                {s.title}
              </a>
              <p className="text-sm text-slate-700">
                {s.publisher}
                {s.publishedOn ? `, ${when.format(new Date(s.publishedOn))}` : null} · {SOURCE_KIND_LABELS[s.kind]}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <FactActions viewer={viewer} fact={fact} resource={resource} />

      <section aria-labelledby="disputes-heading" className="space-y-4">
        <h2 id="disputes-heading" className="text-xl font-semibold">
          Disputes
        </h2>
        {fact.disputes.length === 0 ? (
          <p className="text-slate-700">Nobody has disputed this fact.</p>
        ) : (
          fact.disputes.map((d) => (
            <article key={d.id} id={`dispute-${d.id}`} aria-labelledby={`dispute-${d.id}-heading`} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
              <h3 id={`dispute-${d.id}-heading`} className="font-semibold">
                Dispute by {d.openedByName ?? "a former member"} · {DISPUTE_LABEL[d.status]}
              </h3>
              <p className="text-sm text-slate-600">
                Opened {when.format(d.createdAt)} about version {d.factVersion}
              </p>
              <p className="whitespace-pre-line">{d.reason}</p>
              {d.counterSourceUrl ? (
                <p className="text-sm">
                  Counter-source:{" "}
                  <a href={d.counterSourceUrl} className="break-words text-blue-800 underline" rel="nofollow noopener">
                    {d.counterSourceTitle ?? d.counterSourceUrl}
                  </a>
                </p>
              ) : null}
              {d.status !== "open" ? (
                <p className="rounded bg-slate-100 p-2 text-sm">
                  <strong>{d.resolvedByName ?? "A fact editor"}</strong>
                  {d.resolvedAt ? ` on ${when.format(d.resolvedAt)}` : null}: {d.resolutionReason}
                </p>
              ) : null}
              <DisputeDiscussion dispute={d} canPost={can(viewer, "dispute.comment", disputeResource(d))} />
              {can(viewer, "dispute.resolve", disputeResource(d)) ? (
                <ResolveForm action={resolveDisputeAction} disputeId={d.id} amendHref={`/facts/${fact.id}/amend?dispute=${d.id}`} />
              ) : null}
            </article>
          ))
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          Version history
        </h2>
        <ol className="space-y-2">
          {fact.versions.map((v) => (
            <li key={v.number}>
              <Link href={`/facts/${fact.id}/v/${v.number}`} className="font-medium text-blue-800 underline">
                Version {v.number}
              </Link>
              {v.number === fact.currentVersion ? " (current)" : null} · {when.format(v.createdAt)} by {v.authorName ?? "a former member"}: {v.reason}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="cited-heading" className="space-y-3">
        <h2 id="cited-heading" className="text-xl font-semibold">
          Cited in
        </h2>
        {fact.citations.length === 0 ? (
          <p className="text-slate-700">Nothing cites this fact yet.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {fact.citations.map((c, i) => (
              <li key={i}>{c.href ? <Link href={c.href} className="underline">{c.label}</Link> : c.label}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="how-hardness-works" className="space-y-2 text-slate-800">
        <h2 id="how-hardness-works" className="text-xl font-semibold">
          How hardness works
        </h2>
        <p>
          Hardness runs from 0 to 100. Acceptance by a fact editor adds 14. Sources add up to 60: official statistics and peer-reviewed research count most, the press less,
          advocacy groups and blogs little, and sources from one publisher count once, each further independent source a little less than the one before. Members who confirm a
          fact add up to 20, each weighted by how often their past reviews agreed with how disputes were settled (newcomers count half). Disputes a fact editor upheld add a
          little; open disputes take points away. Figures that go out of date lose 15% a year after two years. A retracted fact scores 0.
        </p>
      </section>
    </article>
  );
}

function FactActions({ viewer, fact, resource }: { viewer: Actor; fact: FactDetail; resource: FactResource }) {
  const items = [];
  if (can(viewer, "fact.review", resource)) {
    items.push(
      <div key="review" className="space-y-3">
        <h3 className="font-semibold">Review this proposal</h3>
        <ReasonForm action={acceptFactAction} hidden={{ factId: fact.id }} label="Note on accepting" required={false} submitLabel="Accept the fact" />
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/facts/${fact.id}/amend`} variant="secondary" size="sm">
            Amend and accept
          </ButtonLink>
          <ReasonDialog trigger="Reject" title="Reject this proposal" action={rejectFactAction} hidden={{ factId: fact.id }} label="Reason for rejecting" submitLabel="Reject the fact" variant="danger" />
        </div>
      </div>,
    );
  }
  if (fact.status === "accepted" && can(viewer, "fact.amend", resource)) {
    items.push(
      <div key="edit" className="flex flex-wrap gap-2">
        <ButtonLink href={`/facts/${fact.id}/amend`} variant="secondary" size="sm">
          Amend the fact
        </ButtonLink>
        {can(viewer, "fact.retract", resource) ? (
          <ReasonDialog
            trigger="Retract"
            title="Retract this fact"
            description="A retracted fact stays visible, flagged, with a score of 0, wherever it is cited."
            action={retractFactAction}
            hidden={{ factId: fact.id }}
            label="Reason for retracting"
            submitLabel="Retract the fact"
            variant="danger"
          />
        ) : null}
      </div>,
    );
  }
  if (can(viewer, "fact.edit", resource)) {
    items.push(
      <p key="correct">
        <ButtonLink href={`/facts/${fact.id}/edit`} variant="secondary" size="sm">
          Correct your proposal
        </ButtonLink>
      </p>,
    );
  }
  if (can(viewer, "fact.confirm", resource) && fact.viewerStance !== "confirm") {
    items.push(
      <div key="confirm" className="space-y-2">
        <h3 className="font-semibold">Confirm it</h3>
        <ReasonForm action={confirmFactAction} hidden={{ factId: fact.id }} label="How you checked it" required={false} submitLabel="Confirm this fact" variant="secondary" />
      </div>,
    );
  }
  if (can(viewer, "fact.dispute", resource)) {
    items.push(
      <details key="dispute" className="rounded-md border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold">Dispute this fact</summary>
        <div className="mt-3">
          <DisputeForm action={disputeFactAction} factId={fact.id} />
        </div>
      </details>,
    );
  }
  if (viewer.id === null && (fact.status === "accepted" || fact.status === "retracted")) {
    items.push(
      <p key="sign-in">
        <Link href={`/sign-in?next=/facts/${fact.id}`} className="underline">
          Sign in
        </Link>{" "}
        as a member to confirm or dispute this fact.
      </p>,
    );
  }
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-xl font-semibold">
        What you can do
      </h2>
      {items}
    </section>
  );
}

function DisputeDiscussion({ dispute, canPost }: { dispute: DisputeView; canPost: boolean }) {
  const top = dispute.comments.filter((c) => !c.parentId);
  const replies = (id: string) => dispute.comments.filter((c) => c.parentId === id);
  const Post = ({ c }: { c: DisputeView["comments"][number] }) => (
    <div className="space-y-1">
      <p className="text-sm text-slate-600">
        <strong className="text-slate-900">{c.authorName ?? "A former member"}</strong> · <time dateTime={c.createdAt.toISOString()}>{when.format(c.createdAt)}</time>
      </p>
      <div className="prose-sm space-y-2 break-words [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:pl-3" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
    </div>
  );
  return (
    <section aria-label={`Discussion of the dispute by ${dispute.openedByName ?? "a former member"}`} className="space-y-3 border-t border-slate-200 pt-3">
      <h4 className="font-semibold">Discussion{dispute.comments.length ? ` (${dispute.comments.length})` : ""}</h4>
      {top.length ? (
        <ol className="space-y-4">
          {top.map((c) => (
            <li key={c.id} className="space-y-2">
              <Post c={c} />
              {replies(c.id).length ? (
                <ol className="ml-4 space-y-3 border-l-2 border-slate-200 pl-3">
                  {replies(c.id).map((r) => (
                    <li key={r.id}>
                      <Post c={r} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {canPost ? (
                <details className="ml-4">
                  <summary className="cursor-pointer text-sm underline">Reply</summary>
                  <DisputeCommentForm action={disputeCommentAction} disputeId={dispute.id} parentId={c.id} label="Your reply" />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-700">No posts yet.</p>
      )}
      {canPost ? <DisputeCommentForm action={disputeCommentAction} disputeId={dispute.id} label="Add to the discussion" /> : null}
    </section>
  );
}

