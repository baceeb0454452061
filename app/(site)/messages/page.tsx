import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { listThreads } from "@/lib/directory/messages";

export const metadata: Metadata = { title: "Messages" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function MessagesPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const threads = await listThreads(getDb(), viewer);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Messages">
        <p>Conversations with members, opened when someone says yes to a help request. Nobody&apos;s e-mail address is shown here.</p>
      </PageHeader>
      {threads.length === 0 ? (
        <EmptyState title="No conversations yet">
          <p>
            A conversation opens when a member accepts your <Link href="/help" className="text-blue-800 underline">help request</Link>, or you accept theirs.
          </p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Conversations">
          {threads.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link href={`/messages/${t.id}`} className="font-medium text-blue-800 underline">
                {t.otherName}
              </Link>
              <span className="text-sm text-slate-700">
                {t.unread ? `${t.unread} unread · ` : ""}
                <time dateTime={t.lastMessageAt.toISOString()}>{when.format(t.lastMessageAt)} UTC</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
