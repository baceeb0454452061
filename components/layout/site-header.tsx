import Link from "next/link";
import { isSignedIn } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { NotificationBell } from "@/components/following/notification-bell";
import { NavMenu } from "./nav-menu";

/**
 * The sign-out action comes from the route layer, which owns server actions. The viewer is passed
 * in: pages every visitor shares (app/readers) render it for a visitor without reading a cookie.
 */
export function SiteHeader({ viewer, signOutAction }: { viewer: Actor; signOutAction: () => Promise<void> }) {
  const link = "rounded px-2 py-3 text-slate-800 underline-offset-4 hover:underline md:py-2";
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2">
        <Link href="/" className="py-2 text-xl font-bold tracking-tight text-slate-900">
          Commonplace
        </Link>
        <nav aria-label="Main" className="md:flex md:flex-wrap md:items-center md:gap-x-1">
          <NavMenu>
            <Link href="/" className={link}>
              Themes
            </Link>
            <Link href="/facts" className={link}>
              Facts
            </Link>
            <Link href="/moderation-log" className={link}>
              Moderation log
            </Link>
            <Link href="/governance" className={link}>Governance</Link>
            <Link href="/directory" className={link}>
              Directory
            </Link>
            {can(viewer, "paper.reviewQueue", null) ? (
              <Link href="/council" className={link}>
                Council
              </Link>
            ) : null}
            {can(viewer, "admin.enter", null) ? (
              <Link href="/admin" className={link}>
                Admin
              </Link>
            ) : null}
            {isSignedIn(viewer) ? (
              <>
                <Link href="/papers/mine" className={link}>
                  My papers
                </Link>
                {can(viewer, "help.create", null) ? (
                  <Link href="/help" className={link}>
                    Help
                  </Link>
                ) : null}
                <Link href="/messages" className={link}>
                  Messages
                </Link>
                <Link href="/stories" className={link}>
                  Stories
                </Link>
                <NotificationBell viewer={viewer} />
                <Link href="/settings" className={link}>
                  <span className="sr-only">Settings for </span>
                  {viewer.publicName}
                </Link>
                <form action={signOutAction} className="flex">
                  <button type="submit" className={`${link} text-left`}>
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <>
                <Link href="/sign-in" className={link}>
                  Sign in
                </Link>
                <Link href="/sign-up" className="rounded-md text-center md:ml-1 bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800">
                  Join
                </Link>
              </>
            )}
          </NavMenu>
        </nav>
      </div>
    </header>
  );
}
