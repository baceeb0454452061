import type { Metadata } from "next";
import Link from "next/link";
import { CollabEditorLoader } from "@/components/collab/collab-editor-loader";
import { orNotFound } from "@/components/papers/load";
import { proseClass } from "@/components/papers/prose";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { caretColour } from "@/lib/collab/colour";
import { getQuoteForResponse, type ResponseQuote } from "@/lib/responses/quotes";
import { getResponsePage } from "@/lib/responses/queries";
import { isAppError } from "@/lib/errors";
import { addQuoteAction, restoreResponseRevisionAction, saveResponseRevisionAction } from "./actions";

export const metadata: Metadata = { title: "Response" };

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ quote?: string | string[] }> };

export default async function ResponsePage({ params, searchParams }: Params) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const db = getDb();
  const viewer = await getViewer();
  const page = await orNotFound(() => getResponsePage(db, viewer, id));
  const { document, readOnlyReason } = page;

  let quote: ResponseQuote | null = null;
  let quoteProblem: string | null = null;
  const quoteId = typeof query.quote === "string" ? query.quote : null;
  if (quoteId && readOnlyReason === null) {
    try {
      quote = await getQuoteForResponse(db, viewer, id, quoteId);
    } catch (e) {
      if (!isAppError(e)) throw e;
      quoteProblem = e.message;
    }
  }

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/papers/${id}`} className="text-blue-800 underline">
          ← Back to the paper
        </Link>
      </p>
      <PageHeader title={`Response to “${page.paper.title}”`}>
        <p>The members’ shared answer to this paper, written together. Every change is kept; named revisions can be compared and restored.</p>
      </PageHeader>
      {quoteProblem ? (
        <Notice tone="error" role="alert">
          {quoteProblem}
        </Notice>
      ) : null}
      {isSignedIn(viewer) ? (
        <CollabEditorLoader
          doc={document.doc}
          label="Response text"
          user={{ name: viewer.publicName, color: caretColour(viewer.id) }}
          readOnlyReason={readOnlyReason}
          revisions={page.revisions.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), createdByName: r.createdByName, href: `/papers/${id}/response/revisions/${r.id}` }))}
          saveRevisionAction={saveResponseRevisionAction}
          restoreRevisionAction={restoreResponseRevisionAction}
          quote={quote}
          addQuoteAction={addQuoteAction}
        />
      ) : (
        <ReaderView html={page.html} id={id} revisions={page.revisions.map((r) => ({ id: r.id, name: r.name }))} />
      )}
    </div>
  );
}

/** Visitors and phones: the sanitised server render, no websocket and no editor code. */
function ReaderView({ html, id, revisions }: { html: string; id: string; revisions: { id: string; name: string }[] }) {
  return (
    <>
      <section aria-labelledby="response-heading">
        <h2 id="response-heading" className="sr-only">
          Response text
        </h2>
        {html ? (
          <div className={proseClass} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p className="text-slate-700">Nobody has written the response yet.</p>
        )}
        <p className="mt-4 text-sm text-slate-700">
          <Link href="/sign-in" className="text-blue-800 underline">
            Sign in
          </Link>{" "}
          as a verified member to write it with others.
        </p>
      </section>
      {revisions.length ? (
        <section aria-labelledby="revisions-heading" className="space-y-2">
          <h2 id="revisions-heading" className="text-xl font-semibold">
            Revisions
          </h2>
          <ol className="list-inside list-decimal">
            {revisions.map((r) => (
              <li key={r.id}>
                <Link href={`/papers/${id}/response/revisions/${r.id}`} className="text-blue-800 underline">
                  {r.name}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
