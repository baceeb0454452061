import Link from "next/link";
import { getDb } from "@/db";
import { can, type Actor } from "@/lib/auth/permissions";
import { followTargetPath, isFollowing } from "@/lib/following/queries";
import { FollowToggle } from "./follow-toggle";

export interface FollowButtonProps {
  viewer: Actor;
  targetType: "theme" | "paper";
  targetId: string;
  /** What is followed, for the accessible name: "Follow Health", "Following Health". */
  label: string;
}

/**
 * Follow or unfollow a theme or a paper. Active members get a toggle; a visitor gets a link to
 * sign in; anyone else (a suspended account) gets nothing.
 */
export async function FollowButton({ viewer, targetType, targetId, label }: FollowButtonProps) {
  if (viewer.id === null) {
    const next = await followTargetPath(getDb(), targetType, targetId);
    return (
      <Link href={`/sign-in?next=${encodeURIComponent(next)}`} className="inline-flex min-h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-50">
        Sign in to follow<span className="sr-only"> {label}</span>
      </Link>
    );
  }
  if (!can(viewer, "follow.manage", { userId: viewer.id })) return null;
  const following = await isFollowing(getDb(), viewer, targetType, targetId);
  return <FollowToggle targetType={targetType} targetId={targetId} label={label} following={following} />;
}

