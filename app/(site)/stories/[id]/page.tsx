import type { Metadata } from "next";
import Link from "next/link";
import { ConsentControls, EditStoryForm, QuoteForm, RedactionDecision, RedactionForm, ReviewForm, TagsForm } from "@/components/stories/forms";
import { REDACTION_LABELS, STATUS_LABELS } from "@/components/stories/story-list";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { CONSENT_LABELS } from "@/lib/anecdotes/consent";
import { getStory, listPapersForQuote } from "@/lib/anecdotes/queries";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { siteUrl } from "@/lib/config/site-url";
import { listActiveThemes } from "@/lib/themes/queries";
import { consentAction, editStoryAction, quoteAction, redactionAction, redactionDecisionAction, reviewAction, tagsAction } from "../actions";

export const metadata: Metadata = { title: "Story" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const CHANGE = { grant: "Given", lower: "Lowered", withdraw: "Withdrawn", expire: "Expired" } as Record<string, string>;
const KIND = { response_quote: "Quoted in a response", press_pack: "In a press pack" } as const;

export default async function StoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const db = getDb();
  const viewer = await getViewer();
  const story = await loadForPage(() => getStory(db, viewer, id));
  const isTeller = viewer.id !== null && story.authorId === viewer.id;
  const [papers, themes] = await Promise.all([story.may.use ? listPapersForQuote(db, story.themeId) : Promise.resolve([]), story.may.edit ? listActiveThemes(db) : Promise.resolve([])]);
  const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={story.title}>
        <p>
          {isTeller ? "Your story" : `Told by ${story.authorName}`} · {story.themeTitle} · {story.role === "subject" ? "it happened to the teller" : "the teller witnessed it"} · {day.format(new Date(`${story.occurredOn}T00:00:00Z`))}, {story.place}
        </p>
      </PageHeader>
      {submitted ? (
        <Notice tone="success" role="status">
          Your story is submitted. The curators of {story.themeTitle} will review it.
        </Notice>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium">Review</dt>
        <dd>
          {STATUS_LABELS[story.status]}
          {story.reviewReason ? `: ${story.reviewReason}` : ""}
        </dd>
        <dt className="font-medium">Redaction</dt>
        <dd>{REDACTION_LABELS[story.redactionStatus]}</dd>
        <dt className="font-medium">Consent</dt>
        <dd data-testid="current-consent">
          {CONSENT_LABELS[story.consent]}
          {story.consentExpired ? " (the last consent expired)" : story.consentExpiresAt ? `, until ${day.format(story.consentExpiresAt)}` : ""}
        </dd>
        <dt className="font-medium">Attested by</dt>
        <dd>{story.attesters.length ? story.attesters.map((a) => `${a.name} (“${a.relation}”)`).join("; ") : "nobody yet"}</dd>
        {story.tags.length ? (
          <>
            <dt className="font-medium">Tags</dt>
            <dd>{story.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="text-heading" className={section}>
        <h2 id="text-heading" className="text-xl font-semibold">
          The story
        </h2>
        <p className="whitespace-pre-line">{story.body}</p>
      </section>
      {story.redactedBody ? (
        <section aria-labelledby="redacted-heading" className={section}>
          <h2 id="redacted-heading" className="text-xl font-semibold">
            Redacted text ({REDACTION_LABELS[story.redactionStatus]})
          </h2>
          <p className="whitespace-pre-line">{story.redactedBody}</p>
          {story.redactionNote ? <p className="text-sm text-slate-700">Curator&apos;s note: {story.redactionNote}</p> : null}
          {story.may.approveRedaction ? <RedactionDecision action={redactionDecisionAction} storyId={story.id} /> : null}
        </section>
      ) : null}
      {story.attestToken ? (
        <section aria-labelledby="attest-heading" className={section}>
          <h2 id="attest-heading" className="text-xl font-semibold">
            Ask a member to attest it
          </h2>
          <p>Share this link with a member who can vouch for what happened (you cannot attest your own story):</p>
          <p className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="attest-link">
            {`${siteUrl()}/stories/attest/${story.attestToken}`}
          </p>
        </section>
      ) : null}
      {story.may.edit && story.status === "changes_requested" ? (
        <section aria-labelledby="edit-heading" className={section}>
          <h2 id="edit-heading" className="text-xl font-semibold">
            Revise your story
          </h2>
          <EditStoryForm action={editStoryAction} storyId={story.id} themes={themes.map((t) => ({ id: t.id, title: t.title }))} defaults={{ title: story.title, body: story.body, occurredOn: story.occurredOn, place: story.place, themeId: story.themeId, role: story.role }} />
        </section>
      ) : null}
      {story.may.consent ? (
        <section aria-labelledby="consent-heading" className={section}>
          <h2 id="consent-heading" className="text-xl font-semibold">
            Your consent
          </h2>
          <ConsentControls action={consentAction} storyId={story.id} current={story.consent} />
        </section>
      ) : null}
      {story.may.review ? (
        <section aria-labelledby="review-heading" className={section}>
          <h2 id="review-heading" className="text-xl font-semibold">
            Review
          </h2>
          <ReviewForm action={reviewAction} storyId={story.id} />
          <TagsForm action={tagsAction} storyId={story.id} tags={story.tags} />
        </section>
      ) : null}
      {story.may.redact ? (
        <section aria-labelledby="redact-heading" className={section}>
          <h2 id="redact-heading" className="text-xl font-semibold">
            Redact names and identifying details
          </h2>
          <RedactionForm action={redactionAction} storyId={story.id} text={story.redactedBody ?? story.body} />
        </section>
      ) : null}
      {story.may.use ? (
        <section aria-labelledby="quote-heading" className={section}>
          <h2 id="quote-heading" className="text-xl font-semibold">
            Quote in a paper&apos;s response
          </h2>
          {papers.length ? <QuoteForm action={quoteAction} storyId={story.id} papers={papers} /> : <p>No published paper in {story.themeTitle} yet.</p>}
        </section>
      ) : null}
      <section aria-labelledby="ledger-heading" className="space-y-2">
        <h2 id="ledger-heading" className="text-xl font-semibold">
          Consent ledger
        </h2>
        <div className="overflow-x-auto" role="region" aria-label="Consent ledger, every change" tabIndex={0}>
          <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">When</th>
                <th scope="col" className="py-2 pr-3">Change</th>
                <th scope="col" className="py-2 pr-3">Level</th>
                <th scope="col" className="py-2 pr-3">Words agreed (version)</th>
              </tr>
            </thead>
            <tbody>
              {story.ledger.map((l) => (
                <tr key={l.id} className="border-b border-slate-200 align-top">
                  <td className="py-2 pr-3">{when.format(l.createdAt)} UTC</td>
                  <td className="py-2 pr-3">
                    {CHANGE[l.change] ?? l.change} by {l.byName}
                  </td>
                  <td className="py-2 pr-3">{CONSENT_LABELS[l.level]}</td>
                  <td className="py-2 pr-3">
                    “{l.wording}” (v{l.wordingVersion}){l.expiresAt ? `, until ${day.format(l.expiresAt)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="uses-heading" className="space-y-2">
        <h2 id="uses-heading" className="text-xl font-semibold">
          Where it is used
        </h2>
        {story.uses.length === 0 ? (
          <p>Not used anywhere yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {story.uses.map((u) => (
              <li key={u.id} className="px-4 py-2 text-sm">
                {KIND[u.kind]}:{" "}
                <Link href={u.targetUrl} className="text-blue-800 underline">
                  {u.targetLabel}
                </Link>{" "}
                · {CONSENT_LABELS[u.levelUsed]} · by {u.usedByName}
                {u.takenDownAt ? " · taken down" : u.takedownRequestedAt ? " · take-down requested" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
