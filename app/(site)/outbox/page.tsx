import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listOutbox } from "@/lib/mail/queries";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Outbox" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function OutboxPage() {
  const viewer = await getViewer();
  const developmentMode = process.env.NODE_ENV === "development";
  requirePermission(viewer, "outbox.read", { developmentMode });
  const messages = await listOutbox(getDb(), viewer, { developmentMode });
  return (
    <div className="space-y-4">
      <PageHeader title="Outbox">
        <p>{process.env.SMTP_URL ? "Messages sent through SMTP, newest first." : "SMTP is not configured, so messages stay here instead of being sent."}</p>
      </PageHeader>
      {messages.length === 0 ? (
        <EmptyState title="No messages yet" />
      ) : (
        <ol className="space-y-4" aria-label="Messages, newest first">
          {messages.map((m) => (
            <li key={m.id}>
              <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={`${m.subject} to ${m.to}`}>
                <h2 className="font-semibold">{m.subject}</h2>
                <p className="text-sm text-slate-700">
                  To {m.to} · {when.format(m.createdAt)} UTC · {m.sentAt ? "sent" : m.error ? `failed: ${m.error}` : "not sent (no SMTP)"}
                </p>
                <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-slate-900">{m.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
