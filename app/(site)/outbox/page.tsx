import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listOutbox, outboxStatus, outboxSummary, type OutboxStatus } from "@/lib/mail/queries";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Outbox" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const STATUS_LABEL: Record<OutboxStatus, string> = {
  sent: "Sent",
  queued: "Queued",
  waiting: "Waiting for the send limit",
  retrying: "Failed, will try again",
  failed: "Failed, no more attempts",
  kept: "Not sent (no SMTP)",
};

export default async function OutboxPage() {
  const viewer = await getViewer();
  const developmentMode = process.env.NODE_ENV === "development";
  requirePermission(viewer, "outbox.read", { developmentMode });
  const db = getDb();
  const [messages, summary] = await Promise.all([listOutbox(db, viewer, { developmentMode }), outboxSummary(db, viewer, { developmentMode })]);
  const smtp = !!process.env.SMTP_URL;
  return (
    <div className="space-y-4">
      <PageHeader title="Outbox">
        <p>
          {smtp
            ? "Messages are queued with the change that caused them and delivered by the job worker, newest first."
            : "SMTP is not configured, so messages stay here instead of being sent."}
        </p>
        {smtp ? (
          <p>
            {summary.unsent} not yet sent · {summary.retrying} failing and retrying · {summary.failed} given up
          </p>
        ) : null}
      </PageHeader>
      {messages.length === 0 ? (
        <EmptyState title="No messages yet" />
      ) : (
        <ol className="space-y-4" aria-label="Messages, newest first">
          {messages.map((m) => {
            const status = outboxStatus(m, smtp);
            return (
              <li key={m.id}>
                <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={`${m.subject} to ${m.to}`}>
                  <h2 className="font-semibold">{m.subject}</h2>
                  <p className="text-sm text-slate-700">
                    To {m.to} · queued {when.format(m.createdAt)} UTC
                  </p>
                  <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 text-sm text-slate-800">
                    <dt className="font-medium">Status</dt>
                    <dd>{STATUS_LABEL[status]}</dd>
                    {m.sentAt ? (
                      <>
                        <dt className="font-medium">Sent</dt>
                        <dd>{when.format(m.sentAt)} UTC</dd>
                      </>
                    ) : null}
                    {m.attempts > 0 ? (
                      <>
                        <dt className="font-medium">Attempts</dt>
                        <dd>{m.attempts}</dd>
                      </>
                    ) : null}
                    {m.error ? (
                      <>
                        <dt className="font-medium">Last error</dt>
                        <dd className="break-words text-red-800">{m.error}</dd>
                      </>
                    ) : null}
                    {!m.sentAt && m.nextAttemptAt ? (
                      <>
                        <dt className="font-medium">Next try</dt>
                        <dd>{when.format(m.nextAttemptAt)} UTC</dd>
                      </>
                    ) : null}
                  </dl>
                  <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-slate-900">{m.text}</pre>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
