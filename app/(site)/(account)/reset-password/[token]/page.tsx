import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isResetTokenUsable } from "@/lib/members/accounts";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await isResetTokenUsable(getDb(), token))) {
    return (
      <EmptyState level={1} title="This link no longer works" action={<ButtonLink href="/forgot-password">Ask for a new link</ButtonLink>}>
        <p>Reset links work once, for an hour.</p>
      </EmptyState>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Choose a new password" />
      <ResetForm token={token} />
    </div>
  );
}
