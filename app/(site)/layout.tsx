import type { ReactNode } from "react";
import { SiteChrome } from "@/components/layout/site-chrome";
import { getViewer } from "@/lib/auth/session";
import { signOutAction } from "./(account)/sign-out/actions";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <SiteChrome viewer={await getViewer()} signOutAction={signOutAction}>
      {children}
    </SiteChrome>
  );
}
