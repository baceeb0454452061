import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState level={1} title="Page not found" action={<ButtonLink href="/">Go to the home page</ButtonLink>}>
      <p>There is nothing at this address, or it is not visible to you.</p>
    </EmptyState>
  );
}
