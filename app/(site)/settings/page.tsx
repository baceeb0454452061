import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { describeActor } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getOwnProfile } from "@/lib/members/queries";
import { ProfileForm } from "./profile-form";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Settings" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long" });

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect("/sign-in?next=/settings");
  const profile = await getOwnProfile(getDb(), viewer.id);
  if (!profile) redirect("/sign-in?next=/settings");
  const { welcome } = await searchParams;

  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <PageHeader title="Settings" actions={<Link href="/settings/notifications" className="text-blue-800 underline">Notification settings</Link>} />
      {welcome ? (
        <Notice tone={viewer.standing === "member" ? "success" : "info"} role="status" title="Welcome to Commonplace">
          {viewer.standing === "member" ? <p>Your membership is verified: you can take part in everything.</p> : <p>Your account is ready. See below how to get verified.</p>}
        </Notice>
      ) : null}

      <section aria-labelledby="standing-heading" className="space-y-2">
        <h2 id="standing-heading" className="text-xl font-semibold">
          Your role and membership
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
          <dt className="font-medium">E-mail</dt>
          <dd className="break-all">{profile.email}</dd>
          <dt className="font-medium">Role</dt>
          <dd>{describeActor(viewer)}</dd>
          <dt className="font-medium">Membership</dt>
          <dd>
            {profile.verifiedAt
              ? `Verified on ${dateFormat.format(profile.verifiedAt)} ${profile.verifiedBy === "roll" ? "against the membership roll" : "by an admin"}`
              : "Not verified"}
          </dd>
          {profile.curates.length ? (
            <>
              <dt className="font-medium">Curator of</dt>
              <dd>
                {profile.curates.map((t, i) => (
                  <span key={t.slug}>
                    {i > 0 ? ", " : null}
                    <Link href={`/themes/${t.slug}`} className="text-blue-800 underline">
                      {t.title}
                    </Link>
                  </span>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {viewer.standing === "registered" ? (
        <section id="verify" aria-labelledby="verify-heading" className="space-y-3">
          <h2 id="verify-heading" className="text-xl font-semibold">
            Verify your membership
          </h2>
          {profile.verificationNote ? <Notice tone="warning">{profile.verificationNote}</Notice> : null}
          <p className="text-slate-700">
            Enter the member number and postcode from your membership card or welcome e-mail. If they do not match, an admin can
            verify you by hand.
          </p>
          <VerifyForm />
        </section>
      ) : null}

      <section aria-labelledby="profile-heading" className="space-y-3">
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        {viewer.standing === "suspended" ? (
          <Notice tone="error">Your account is suspended, so your profile cannot be changed.</Notice>
        ) : (
          <ProfileForm profile={profile} />
        )}
      </section>

      <section aria-labelledby="data-heading" className="space-y-3">
        <h2 id="data-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p className="text-slate-700">
          Download everything you have written, voted, followed and been sent, as one file in the site’s{" "}
          <Link href="/open-data/format" className="text-blue-800 underline">
            open-data format
          </Link>{" "}
          (your right under GDPR article 20).
        </p>
        <a href="/settings/my-data.tar" download className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium text-slate-900 hover:bg-slate-50">
          Download my data
        </a>
      </section>
    </div>
  );
}
