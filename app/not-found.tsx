import { SiteChrome } from "@/components/layout/site-chrome";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getViewer } from "@/lib/auth/session";
import { signOutAction } from "./(site)/(account)/sign-out/actions";

export default async function NotFound() {
  return (
    <SiteChrome viewer={await getViewer()} signOutAction={signOutAction}>
      <EmptyState level={1} title="Page not found" action={<ButtonLink href="/">Go to the home page</ButtonLink>}>
        <p>There is nothing at this address, or it is not visible to you.</p>
      </EmptyState>
    </SiteChrome>
  );
}
