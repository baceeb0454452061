import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { enterAdminArea } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { loadForPage } from "@/lib/auth/page-guard";
import { SiteChrome } from "@/components/layout/site-chrome";
import { signOutAction } from "../(site)/(account)/sign-out/actions";

/** Navigation only; every admin page and action checks its own permission again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (viewer.id === null) redirect("/sign-in?next=/admin");
  await loadForPage(async () => enterAdminArea(viewer));
  const admin = can(viewer, "theme.create", null);
  const links = [
    ...(admin ? [["/admin/themes", "Themes"], ["/admin/skills", "Skills"]] : []),
    ["/admin/members", "Members"],
    ...(admin ? [["/admin/roll", "Membership roll"], ["/admin/governance", "Governance"], ["/outbox", "Outbox"]] : []),
  ];
  return (
    <SiteChrome viewer={viewer} signOutAction={signOutAction}>
    <div className="space-y-6">
      <nav aria-label="Admin" className="flex flex-wrap gap-2 border-b border-slate-200 pb-3">
        <Link href="/admin" className="rounded px-2 py-1 font-semibold">
          Admin
        </Link>
        {links.map(([href, label]) => (
          <Link key={href} href={href!} className="rounded px-2 py-1 text-blue-800 underline">
            {label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
    </SiteChrome>
  );
}
