import type { Metadata } from "next";
import Link from "next/link";
import { LeaveDirectory } from "@/components/directory/leave-control";
import { ProfileForm } from "@/components/directory/profile-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { getOwnProfile, listSkills } from "@/lib/directory/queries";
import { listActiveThemes } from "@/lib/themes/queries";
import { forbidden } from "next/navigation";
import { leaveDirectoryAction, rejoinDirectoryAction, saveProfileAction } from "../actions";

export const metadata: Metadata = { title: "Your directory profile" };

export default async function ProfilePage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const db = getDb();
  const [profile, skills, themes] = await Promise.all([loadForPage(() => getOwnProfile(db, viewer, viewer.id)), listSkills(db), listActiveThemes(db)]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Your directory profile">
        <p>
          Offer your skills and time so members can find you and ask for help. Every field has its own &ldquo;who may see&rdquo;; until you choose, each is seen by you only. See <Link href="/directory/lookups" className="text-blue-800 underline">who looked you up</Link>.
        </p>
      </PageHeader>
      {!profile.exists ? (
        <Notice title="You have no profile yet">Saving this form lists you in the directory, with only what you choose to show.</Notice>
      ) : null}
      <ProfileForm action={saveProfileAction} profile={profile} skills={skills} themes={themes.map((t) => ({ id: t.id, title: t.title }))} />
      {profile.exists ? (
        <section aria-labelledby="leave-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="leave-heading" className="text-lg font-semibold">
            {profile.listed ? "Leave the directory" : "You have left the directory"}
          </h2>
          <LeaveDirectory listed={profile.listed} leaveAction={leaveDirectoryAction} rejoinAction={rejoinDirectoryAction} />
        </section>
      ) : null}
    </div>
  );
}
