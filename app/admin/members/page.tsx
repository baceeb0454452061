import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listMembers, MEMBERS_PAGE_SIZE } from "@/lib/members/queries";
import { memberSearchSchema } from "@/lib/validation/members";
import { MemberActions } from "./member-actions";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Members · Admin" };

const STANDING_LABELS = { registered: "Registered, not verified", member: "Verified member", suspended: "Suspended", visitor: "" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const viewer = await getViewer();
  requirePermission(viewer, "member.list", null);
  const { q, page } = memberSearchSchema.parse(await searchParams);
  const { rows, total } = await listMembers(getDb(), viewer, { q, page });
  return (
    <div className="space-y-4">
      <PageHeader title="Members">
        <p>{total} account{total === 1 ? "" : "s"}{q ? ` matching “${q}”` : ""}.</p>
      </PageHeader>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <Field label="Search by name or e-mail" name="q" type="search" defaultValue={q} className="grow" required />
        <Button type="submit">Search</Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No one matches">{q ? <p>Try part of a name or address.</p> : null}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Members">
          {rows.map((m) => {
            const target = { id: m.id, roles: new Set(m.roles) };
            return (
              <li key={m.id} className="space-y-2 px-4 py-3" aria-label={m.displayName}>
                <div>
                  <p className="font-semibold">{m.displayName}</p>
                  <p className="break-all text-sm text-slate-700">{m.email}</p>
                  <p className="text-sm text-slate-700">
                    {STANDING_LABELS[m.standing]}
                    {m.roles.length ? ` · ${m.roles.map((r) => ROLE_LABELS[r]).join(", ")}` : ""}
                    {m.curates.length ? ` · curator of ${m.curates.join(", ")}` : ""}
                  </p>
                </div>
                <MemberActions
                  member={m}
                  allowed={{
                    verify: can(viewer, "member.verify", target),
                    suspend: can(viewer, "member.suspend", target),
                    reinstate: can(viewer, "member.reinstate", target),
                    roles: can(viewer, "role.grant", target),
                  }}
                />
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} total={total} pageSize={MEMBERS_PAGE_SIZE} href={(p) => `/admin/members?${new URLSearchParams({ q, page: String(p) })}`} />
    </div>
  );
}
