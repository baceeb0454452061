import type { Metadata } from "next";
import Link from "next/link";
import { MessageForm } from "@/components/help/request-controls";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { getThread } from "@/lib/directory/messages";
import { sendMessageAction } from "../actions";

export const metadata: Metadata = { title: "Conversation" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const thread = await loadForPage(() => getThread(getDb(), viewer, id));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={`Conversation with ${thread.otherName}`}>
        <p>
          <Link href="/messages" className="text-blue-800 underline">
            All messages
          </Link>
        </p>
      </PageHeader>
      <ol className="space-y-3" aria-label="Messages">
        {thread.messages.map((m) => (
          <li key={m.id} className={`rounded-lg border p-3 ${m.fromSite ? "border-slate-300 bg-slate-50" : m.fromMe ? "border-blue-200 bg-blue-50" : "border-slate-200 bg-white"}`}>
            <p className="text-sm font-medium">
              {m.fromMe ? "You" : m.senderName} · <time dateTime={m.createdAt.toISOString()}>{when.format(m.createdAt)} UTC</time>
            </p>
            <p className="whitespace-pre-line">{m.body}</p>
          </li>
        ))}
      </ol>
      <MessageForm action={sendMessageAction} threadId={thread.id} />
    </div>
  );
}
