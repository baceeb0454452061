import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForm } from "@/components/council/forms";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getCouncilSettings } from "@/lib/council/settings";
import { councilSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Council, recall and appeal settings" };

export default async function CouncilSettingsPage() {
  const viewer = await getViewer();
  if (!can(viewer, "council.settings", null)) notFound();
  const s = await getCouncilSettings(getDb());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Council, recall and appeal settings">
        <p>Every change is recorded in the public log with what changed.</p>
      </PageHeader>
      <SettingsForm
        action={councilSettingsAction}
        current={{
          activeDays: s.activeDays,
          recallMinSignatures: s.recallMinSignatures,
          recallSharePercent: s.recallSharePercent,
          recallWindowDays: s.recallWindowDays,
          recallCooldownDays: s.recallCooldownDays,
          maxOpenPetitionsPerMember: s.maxOpenPetitionsPerMember,
          appealWindowDays: s.appealWindowDays,
          appealPanelSize: s.appealPanelSize,
          councilTermDays: s.councilTermDays,
          poolCategories: s.poolCategories.map((c) => `${c.label}: ${c.values.join(", ")}`).join("\n"),
        }}
      />
    </div>
  );
}
