import type { Metadata } from "next";
import Link from "next/link";
import { EMPTY_FACT, FactForm } from "@/components/facts/fact-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listActiveThemes } from "@/lib/themes/queries";
import { proposeFactAction } from "../actions";

export const metadata: Metadata = { title: "Propose a fact" };

export default async function NewFactPage() {
  const viewer = await getViewer();
  const themes = await listActiveThemes(getDb());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Propose a fact">
        <p>A fact editor checks every proposal against its sources before it joins the fact base. Once accepted, it can be disputed but not edited.</p>
      </PageHeader>
      {can(viewer, "fact.propose", null) ? (
        <FactForm action={proposeFactAction} themes={themes} defaults={EMPTY_FACT} submitLabel="Propose the fact" />
      ) : (
        <Notice tone="info" title="Only verified members propose facts">
          {viewer.id ? (
            <p>
              Verify your membership in <Link href="/settings">your settings</Link> first.
            </p>
          ) : (
            <p>
              <Link href="/sign-in?next=/facts/new">Sign in</Link> to propose a fact.
            </p>
          )}
        </Notice>
      )}
    </div>
  );
}
