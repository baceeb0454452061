import type { Metadata } from "next";
import { DigestPage } from "@/components/digests/digest-page";
import { orNotFound } from "@/components/papers/load";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getDigestPage } from "@/lib/digests/queries";
import { startDigestAction } from "./actions";

export const metadata: Metadata = { title: "Digest" };

export default async function LatestDigestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const view = await orNotFound(() => getDigestPage(getDb(), viewer, id));
  return <DigestPage view={view} startAction={startDigestAction} />;
}
