import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GovernanceSettingsForm } from "@/components/governance/admin-forms";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getGovernanceSettings } from "@/lib/governance/settings";
import { saveGovernanceSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Governance settings" };

export default async function GovernanceSettingsPage() {
  const viewer = await getViewer();
  if (!can(viewer, "governance.settings", null)) notFound();
  const s = await getGovernanceSettings(getDb());
  const defaults = {
    bootstrapEndsAt: s.bootstrapEndsAt ? s.bootstrapEndsAt.toISOString().slice(0, 16) : "",
    moderatorSeats: String(s.moderatorSeats),
    termMonths: String(s.termMonths),
    nominationDays: String(s.nominationDays),
    votingDays: String(s.votingDays),
    ballotsStaleAfterMonths: String(s.ballotsStaleAfterMonths),
    decisionSecondsRequired: String(s.decisionSecondsRequired),
  };
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Governance settings">
        <p>How the site governs itself. Every change is published in the moderation log with its old and new values and your reason.</p>
      </PageHeader>
      <GovernanceSettingsForm action={saveGovernanceSettingsAction} defaults={defaults} />
    </div>
  );
}
