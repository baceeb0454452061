import type { Metadata } from "next";
import { FactEditorForm } from "@/components/governance/admin-forms";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isCouncil } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listFactEditors } from "@/lib/governance/queries";
import { factEditorAction } from "../actions";

export const metadata: Metadata = { title: "Fact editors" };

export default async function FactEditorsPage() {
  const viewer = await getViewer();
  const editors = await listFactEditors(getDb());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Fact editors">
        <p>Fact editors accept, amend and retract facts and settle disputes. The council appoints and removes them; each act is in the public log with the council member who took it.</p>
      </PageHeader>
      {editors.length ? (
        <ul className="ml-6 list-disc" aria-label="Fact editors now">
          {editors.map((e) => (
            <li key={e.userId}>{e.name}</li>
          ))}
        </ul>
      ) : (
        <p>There are no fact editors at the moment.</p>
      )}
      {isCouncil(viewer) ? (
        <section aria-labelledby="appoint" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="appoint" className="text-xl font-semibold">
            Appoint or remove a fact editor
          </h2>
          <FactEditorForm action={factEditorAction} />
        </section>
      ) : null}
    </div>
  );
}
