import type { ReactNode } from "react";
import { SiteChrome } from "@/components/layout/site-chrome";
import { VISITOR } from "@/lib/auth/permissions";
import { signOutAction } from "../(site)/(account)/sign-out/actions";

/**
 * The pages every visitor shares: a paper, its Response, a theme, a fact, rendered once for the
 * visitor and served from Next's cache until a write expires their tags (lib/cache/tags.ts).
 * proxy.ts sends requests here when they carry no session and no query; members and other
 * addresses get the pages in app/(site), rendered for them. Nothing here reads a cookie.
 */
export default function ReadersLayout({ children }: { children: ReactNode }) {
  return (
    <SiteChrome viewer={VISITOR} signOutAction={signOutAction}>
      {children}
    </SiteChrome>
  );
}
