import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ResetRequestForm } from "./reset-request-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Forgot your password">
        <p>Give the e-mail address of your account and we will send you a link to choose a new password.</p>
      </PageHeader>
      <ResetRequestForm />
    </div>
  );
}
