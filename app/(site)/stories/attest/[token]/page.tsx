import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { AttestForm } from "@/components/stories/forms";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getStoryForAttestation } from "@/lib/anecdotes/queries";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { attestAction } from "../../actions";

export const metadata: Metadata = { title: "Attest a story", referrer: "no-referrer" };

export default async function AttestPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const story = await getStoryForAttestation(getDb(), viewer, token);
  if (!story) notFound();
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Attest a story">
        <p>{story.tellerName} asked you to vouch for this first-hand story. Attest it only if you know it happened.</p>
      </PageHeader>
      <article className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-xl font-semibold">{story.title}</h2>
        <p className="text-sm text-slate-700">
          {story.occurredOn}, {story.place}
        </p>
        <p className="whitespace-pre-line">{story.body}</p>
      </article>
      {story.attested ? (
        <Notice tone="success">You have attested this story.</Notice>
      ) : story.declined ? (
        <Notice>This story was declined, so it needs no attestation.</Notice>
      ) : (
        <AttestForm action={attestAction} token={token} />
      )}
    </div>
  );
}
