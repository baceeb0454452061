import Link from "next/link";
import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { unreadNotificationCount } from "@/lib/following/queries";

/**
 * The bell in the header. The badge always takes its place (empty when there is nothing unread)
 * so the header does not move when the count appears; the number is also in the link's name.
 */
export async function NotificationBell({ viewer }: { viewer: Actor }) {
  const unread = await unreadNotificationCount(getDb(), viewer);
  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread"}
      className="relative inline-flex size-10 items-center justify-center rounded text-slate-800 hover:bg-slate-100"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span
        aria-hidden="true"
        className={
          unread > 0
            ? "absolute right-0 top-0 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-700 px-1 text-xs font-bold leading-none text-white"
            : "hidden"
        }
      >
        {unread > 0 ? shown : null}
      </span>
    </Link>
  );
}
