import type { Metadata } from "next";
import { HelpRequestForm } from "@/components/help/request-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listSkills } from "@/lib/directory/queries";
import { listActiveThemes } from "@/lib/themes/queries";
import { createHelpRequestAction } from "../actions";

export const metadata: Metadata = { title: "Ask for help" };

export default async function NewHelpRequestPage() {
  requirePermission(await getViewer(), "help.create", null);
  const db = getDb();
  const [skills, themes] = await Promise.all([listSkills(db), listActiveThemes(db)]);
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Ask for help">
        <p>Say what is needed, which skills, how many hours and where. You then see the members who fit, ranked, and choose whom to invite.</p>
      </PageHeader>
      <HelpRequestForm action={createHelpRequestAction} skills={skills} themes={themes.map((t) => ({ id: t.id, title: t.title }))} />
    </div>
  );
}
