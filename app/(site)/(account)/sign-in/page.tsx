import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams;
  if (isSignedIn(await getViewer())) redirect("/");
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" />
      {reset ? (
        <Notice tone="success" role="status" className="mb-4">
          Your password was changed. Sign in with the new one.
        </Notice>
      ) : null}
      <SignInForm next={next} />
      <p className="mt-6 text-slate-700">
        New here?{" "}
        <Link href="/sign-up" className="text-blue-800 underline">
          Create an account
        </Link>
        .
      </p>
    </div>
  );
}
