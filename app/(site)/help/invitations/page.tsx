import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { formatDay } from "@/components/help/request-card";
import { AnswerForm } from "@/components/help/request-controls";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/help/queries";
import { answerAction } from "../actions";

export const metadata: Metadata = { title: "Your invitations" };

const STATUS = { pending: "Not answered yet", yes: "You said yes", no: "You said no", later: "You asked to be asked later", withdrawn: "Withdrawn" } as const;

export default async function InvitationsPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const invitations = await listMyInvitations(getDb(), viewer);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Your invitations">
        <p>Members who asked you for help. Only a yes shares your contact preference with them, through your messages.</p>
      </PageHeader>
      {invitations.length === 0 ? (
        <EmptyState title="No invitations">
          <p>
            Members invite you when your <Link href="/directory/profile" className="text-blue-800 underline">directory profile</Link> fits what they need.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {invitations.map((inv) => (
            <li key={inv.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold">
                <Link href={`/help/${inv.request.id}`} className="text-blue-800 underline">
                  {inv.request.title}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                From {inv.request.requesterName} · {inv.request.hoursNeeded} hours · by {formatDay(inv.request.deadline)} · {STATUS[inv.status]}
              </p>
              {inv.note ? <p className="text-sm">“{inv.note}”</p> : null}
              {inv.request.status === "open" && (inv.status === "pending" || inv.status === "later") ? <AnswerForm action={answerAction} invitationId={inv.id} title={inv.request.title} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
