import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FollowToggle } from "@/components/following/follow-toggle";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listFollows, listNotifications, NOTIFICATIONS_PAGE_SIZE } from "@/lib/following/queries";
import { notificationsPageSchema } from "@/lib/validation/following";
import { MarkAllRead } from "./mark-all-read";

export const metadata: Metadata = { title: "Notifications" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect("/sign-in?next=/notifications");
  const page = notificationsPageSchema.parse((await searchParams).page);
  const db = getDb();
  const [{ rows, total, unread }, followed] = await Promise.all([listNotifications(db, viewer, { page }), listFollows(db, viewer)]);
  const mayFollow = can(viewer, "follow.manage", { userId: viewer.id });

  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <PageHeader title="Notifications" actions={total > 0 ? <MarkAllRead /> : null}>
        <p>
          {unread > 0 ? `${unread} unread. ` : "Nothing unread. "}
          Choose which also come by e-mail in <Link href="/settings/notifications" className="text-blue-800 underline">notification settings</Link>.
        </p>
      </PageHeader>

      <section aria-labelledby="latest-heading" className="space-y-3">
        <h2 id="latest-heading" className="text-xl font-semibold">
          Latest
        </h2>
        {rows.length === 0 ? (
          <EmptyState title="No notifications yet" level={3}>
            <p>Follow a theme or a paper and you will hear here when something new is published or someone replies to you.</p>
          </EmptyState>
        ) : (
          <ol aria-label="Notifications, newest first" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {rows.map((n) => (
              <li key={n.id} className={n.read ? "px-4 py-3" : "border-l-4 border-blue-700 bg-blue-50 px-4 py-3"}>
                {/* A plain link, not next/link: prefetching it would mark the notification read. */}
                <a href={`/notifications/${n.id}`} className={n.read ? "text-slate-800 underline-offset-4 hover:underline" : "font-semibold text-slate-900 underline-offset-4 hover:underline"}>
                  {n.read ? null : <span className="mr-2 rounded bg-blue-700 px-1.5 py-0.5 text-xs font-bold uppercase tracking-wide text-white">Unread</span>}
                  {n.read ? null : " "}
                  {n.title}
                </a>
                <p className="mt-1 text-sm text-slate-600">
                  <time dateTime={n.createdAt.toISOString()}>{when.format(n.createdAt)} UTC</time>
                </p>
              </li>
            ))}
          </ol>
        )}
        <Pagination page={page} total={total} pageSize={NOTIFICATIONS_PAGE_SIZE} href={(p) => `/notifications?page=${p}`} />
      </section>

      <section aria-labelledby="following-heading" className="space-y-3">
        <h2 id="following-heading" className="text-xl font-semibold">
          Following
        </h2>
        {followed.length === 0 ? (
          <p className="text-slate-700">
            You do not follow anything yet. Use the Follow button on a <Link href="/" className="text-blue-800 underline">theme</Link> or a paper.
          </p>
        ) : (
          <ul aria-label="What you follow" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {followed.map((f) => (
              <li key={`${f.targetType}:${f.targetId}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <span>
                  <span className="text-sm text-slate-600">{f.targetType === "theme" ? "Theme" : "Paper"}: </span>
                  <Link href={f.href} className="text-blue-800 underline">
                    {f.label}
                  </Link>
                </span>
                {mayFollow ? <FollowToggle targetType={f.targetType} targetId={f.targetId} label={f.label} following /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
