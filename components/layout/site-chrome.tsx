import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/permissions";
import { AccountBanner } from "./account-banner";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/**
 * Header, account banner and the main landmark around a page. Layouts pass the viewer: the member
 * pages read it from the session, the shared readers' pages (app/readers) pass the visitor, so
 * those pages never read a cookie and can be cached for everyone.
 */
export function SiteChrome({ viewer, signOutAction, children }: { viewer: Actor; signOutAction: () => Promise<void>; children: ReactNode }) {
  return (
    <>
      <SiteHeader viewer={viewer} signOutAction={signOutAction} />
      <AccountBanner viewer={viewer} />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
