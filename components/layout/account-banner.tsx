import Link from "next/link";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { getOwnProfile } from "@/lib/members/queries";

/** Tells a registered person why they are not yet a member and how to become one; tells a suspended one why. */
export async function AccountBanner({ viewer }: { viewer: Actor }) {
  if (!isSignedIn(viewer) || viewer.standing === "member") return null;
  const profile = await getOwnProfile(getDb(), viewer.id);
  if (!profile) return null;
  const suspended = viewer.standing === "suspended";
  return (
    <section
      aria-label={suspended ? "Account suspended" : "Membership not verified"}
      className={suspended ? "border-b border-red-300 bg-red-50" : "border-b border-amber-300 bg-amber-50"}
    >
      <div className="mx-auto max-w-5xl px-4 py-3 text-sm">
        {suspended ? (
          <p>
            <strong>Your account is suspended.</strong> {profile.suspendedReason} You can read, but not take part. The decision is in
            the <Link href="/moderation-log" className="underline">moderation log</Link>.
          </p>
        ) : (
          <p>
            <strong>Your membership is not verified yet.</strong> {profile.verificationNote ?? "We have not matched you with the membership roll."}{" "}
            Until then you can read and keep a profile, but not comment or vote.{" "}
            <Link href="/settings#verify" className="font-medium underline">
              Verify with your member number
            </Link>{" "}
            or ask an admin to verify you by hand.
          </p>
        )}
      </div>
    </section>
  );
}
