import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const viewer = await getViewer();
  const admin = can(viewer, "theme.create", null);
  const cards = [
    ...(admin ? [{ href: "/admin/themes", title: "Themes", text: "Create, edit, order and archive themes, and choose their curators." }] : []),
    { href: "/admin/members", title: "Members", text: "Find members, verify them by hand, suspend or reinstate them, and manage roles." },
    ...(admin
      ? [
          { href: "/admin/roll", title: "Membership roll", text: "Import the roll as CSV. It is stored only as keyed hashes." },
          { href: "/outbox", title: "Outbox", text: "E-mail the site has sent, or would send when SMTP is not configured." },
          { href: "/admin/open-data", title: "Open data", text: "Download the full bundle to restart the site elsewhere, or restore one into a fresh site." },
        ]
      : []),
  ];
  return (
    <div>
      <PageHeader title="Admin">
        <p>Every action taken here is recorded in the public <Link href="/moderation-log" className="underline">moderation log</Link>.</p>
      </PageHeader>
      <ul className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <li key={c.href}>
            <Link href={c.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 hover:border-slate-400">
              <h2 className="text-lg font-semibold">{c.title}</h2>
              <p className="mt-1 text-slate-700">{c.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
