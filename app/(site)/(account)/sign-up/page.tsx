import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Join" };

export default async function SignUpPage() {
  if (isSignedIn(await getViewer())) redirect("/settings");
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Create your account">
        <p>Anyone can read. Verified members comment, vote and co-write the responses.</p>
      </PageHeader>
      <SignUpForm />
      <p className="mt-6 text-slate-700">
        Already have an account?{" "}
        <Link href="/sign-in" className="text-blue-800 underline">
          Sign in
        </Link>
        .
      </p>
    </div>
  );
}
