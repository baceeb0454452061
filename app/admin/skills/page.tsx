import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listSkills } from "@/lib/directory/queries";
import { AddSkillForm, ArchiveSkill } from "./skill-controls";

export const metadata: Metadata = { title: "Skills · Admin" };

export default async function AdminSkillsPage() {
  const viewer = await getViewer();
  requirePermission(viewer, "skills.manage", null);
  const skills = await listSkills(getDb(), { includeArchived: true });
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Skills">
        <p>The curated list members choose their skills from, and help requests ask for. Members can add their own words beside it.</p>
      </PageHeader>
      <AddSkillForm />
      {skills.length === 0 ? (
        <EmptyState title="No skills yet" />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Skills">
          {skills.map((s) => (
            <li key={s.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
              <span>
                {s.label}
                {s.archived ? <span className="text-sm text-slate-700"> (archived)</span> : null}
              </span>
              <ArchiveSkill slug={s.slug} label={s.label} archived={s.archived} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
