import type { Metadata } from "next";
import Link from "next/link";
import { CreateElectionForm } from "@/components/governance/election-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listElections } from "@/lib/governance/queries";
import { getGovernanceSettings } from "@/lib/governance/settings";
import { createElectionAction } from "../actions";
import { formatWhen, localInput, PHASE_LABELS } from "../format";

export const metadata: Metadata = { title: "Moderator elections" };
const DAY = 86_400_000;

export default async function ElectionsPage() {
  const db = getDb();
  const viewer = await getViewer();
  const now = new Date();
  const [elections, settings] = await Promise.all([listElections(db, now), getGovernanceSettings(db)]);
  const nominationsClose = new Date(now.getTime() + settings.nominationDays * DAY);
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title="Moderator elections">
        <p>
          Any verified member can stand or nominate another, and vote. Ballots are secret, the count is public: after the close the ballots are published, without names or order,
          so anyone can count them again. The count is Scottish STV.
        </p>
      </PageHeader>
      {elections.length === 0 ? (
        <EmptyState title="No elections yet">
          <p>When the admins or the council call an election, it appears here with its dates.</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {elections.map((e) => (
            <li key={e.id} className="space-y-1 px-4 py-3">
              <Link href={`/governance/elections/${e.id}`} className="font-semibold text-blue-800 underline">
                {e.title}
              </Link>
              <p className="text-sm text-slate-700">
                {PHASE_LABELS[e.phase]} · {e.seats} seat{e.seats > 1 ? "s" : ""} · {e.candidates} candidate{e.candidates === 1 ? "" : "s"} ·{" "}
                {e.phase === "nominating" ? `nominations close ${formatWhen(e.nominationsCloseAt)}` : `voting ${e.phase === "voting" ? "closes" : "closed"} ${formatWhen(e.votingClosesAt)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {can(viewer, "election.create", null) ? (
        <section aria-labelledby="call" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="call" className="text-xl font-semibold">
            Call an election
          </h2>
          <p className="text-sm text-slate-700">A random seed is committed now (its hash is published) and settles any tie at the count by lot.</p>
          <CreateElectionForm
            action={createElectionAction}
            defaults={{ seats: settings.moderatorSeats, nominationsCloseAt: localInput(nominationsClose), votingClosesAt: localInput(new Date(nominationsClose.getTime() + settings.votingDays * DAY)) }}
          />
        </section>
      ) : null}
    </div>
  );
}
