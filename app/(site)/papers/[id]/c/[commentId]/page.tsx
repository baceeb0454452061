import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Thread } from "@/components/discussion/thread";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getPermalinkTarget } from "@/lib/discussion/queries";
import { isAppError } from "@/lib/errors";

type Params = { id: string; commentId: string };

const load = cache(async ({ id, commentId }: Params) => loadTarget(id, commentId));

async function loadTarget(id: string, commentId: string) {
  const viewer = await getViewer();
  try {
    return { viewer, paper: await getPermalinkTarget(getDb(), viewer, id, commentId) };
  } catch (e) {
    // Someone who may not read the discussion learns nothing about it: the page does not exist for them.
    if (isAppError(e) && ["not_found", "forbidden", "unauthenticated"].includes(e.kind)) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { paper } = await load(await params);
  return { title: `A comment on ${paper.title}` };
}

/** Permalink of a comment: its branch of the thread, with the comments above it, opened at it. */
export default async function CommentPermalinkPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await params;
  const { viewer, paper } = await load(p);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-700">A comment in the discussion of</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          <Link href={`/papers/${paper.id}`} className="text-blue-900 underline decoration-2">
            {paper.title}
          </Link>
        </h1>
      </header>
      <Thread paper={paper} viewer={viewer} searchParams={await searchParams} focusCommentId={p.commentId} />
    </div>
  );
}
