import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getViewer } from "@/lib/auth/session";

/** The 403 page (`forbidden()`): says what would let the viewer in, without saying more about the page. */
export default async function Forbidden() {
  const viewer = await getViewer();
  if (viewer.standing === "visitor") {
    return (
      <EmptyState level={1} title="Sign in to see this page" action={<ButtonLink href="/sign-in">Sign in</ButtonLink>}>
        <p>This page is for members. Sign in, or create an account, to go on.</p>
      </EmptyState>
    );
  }
  if (viewer.standing === "registered") {
    return (
      <EmptyState level={1} title="Verified members only" action={<ButtonLink href="/settings">Verify your membership</ButtonLink>}>
        <p>This page is for verified members. Verify your membership in your settings with your member number and postcode.</p>
      </EmptyState>
    );
  }
  if (viewer.standing === "suspended") {
    return (
      <EmptyState level={1} title="Your account is suspended" action={<ButtonLink href="/">Go to the home page</ButtonLink>}>
        <p>While your account is suspended you can read the site but not take part. The moderation log gives the reason, and you can appeal to the council.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState level={1} title="Not open to you" action={<ButtonLink href="/">Go to the home page</ButtonLink>}>
      <p>This page is for people with a role you do not hold, such as fact editors, the council, moderators or admins.</p>
    </EmptyState>
  );
}
