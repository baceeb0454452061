import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { HelpRequestCard } from "@/components/help/request-card";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listHelpRequests, skillLabels, HELP_PAGE_SIZE } from "@/lib/help/queries";

export const metadata: Metadata = { title: "Help requests" };

export default async function HelpPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const viewer = await getViewer();
  // Help requests are for the membership (lib/auth/rules/directory.ts, "help.view").
  if (!can(viewer, "help.create", null)) forbidden();
  const sp = await searchParams;
  const status = sp.status === "closed" ? "closed" : "open";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const db = getDb();
  const [{ rows, total }, labels] = await Promise.all([listHelpRequests(db, viewer, { status, page }), skillLabels(db)]);
  const tab = "rounded-md px-3 py-2 font-medium";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Help requests"
        actions={
          <>
            <ButtonLink href="/help/invitations" variant="secondary">
              Your invitations
            </ButtonLink>
            <ButtonLink href="/help/new">Ask for help</ButtonLink>
          </>
        }
      >
        <p>What members and curators need done. The requester sees the members whose skills fit, ranked, and invites them through the site; nobody&apos;s e-mail is shown.</p>
      </PageHeader>
      <nav aria-label="Requests by status" className="flex gap-2">
        <Link href="/help" aria-current={status === "open" ? "page" : undefined} className={`${tab} ${status === "open" ? "bg-slate-900 text-white" : "border border-slate-300 bg-white"}`}>
          Open
        </Link>
        <Link href="/help?status=closed" aria-current={status === "closed" ? "page" : undefined} className={`${tab} ${status === "closed" ? "bg-slate-900 text-white" : "border border-slate-300 bg-white"}`}>
          Closed
        </Link>
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={status === "open" ? "No open requests" : "No closed requests yet"} action={status === "open" ? <ButtonLink href="/help/new">Ask for help</ButtonLink> : undefined} />
      ) : (
        <ul className="space-y-3" aria-label={status === "open" ? "Open requests" : "Closed requests"}>
          {rows.map((r) => (
            <li key={r.id}>
              <HelpRequestCard request={r} skillLabel={(s) => labels.get(s) ?? s} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={total} pageSize={HELP_PAGE_SIZE} href={(p) => `/help?${new URLSearchParams({ ...(status === "closed" ? { status } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`} />
    </div>
  );
}
