import type { Metadata } from "next";
import { EMPTY_FACT, FactForm } from "@/components/facts/fact-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listActiveThemes } from "@/lib/themes/queries";
import { proposeFactAction } from "../actions";

export const metadata: Metadata = { title: "Propose a fact" };

export default async function NewFactPage() {
  requirePermission(await getViewer(), "fact.propose", null);
  const themes = await listActiveThemes(getDb());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Propose a fact">
        <p>A fact editor checks every proposal against its sources before it joins the fact base. Once accepted, it can be disputed but not edited.</p>
      </PageHeader>
      <FactForm action={proposeFactAction} themes={themes} defaults={EMPTY_FACT} submitLabel="Propose the fact" />
    </div>
  );
}
