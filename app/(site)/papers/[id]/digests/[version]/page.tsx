import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DigestPage } from "@/components/digests/digest-page";
import { orNotFound } from "@/components/papers/load";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getDigestPage } from "@/lib/digests/queries";
import { startDigestAction } from "../actions";

export const metadata: Metadata = { title: "Digest" };

export default async function DigestVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version } = await params;
  if (!/^\d{1,6}$/.test(version)) notFound();
  const viewer = await getViewer();
  const view = await orNotFound(() => getDigestPage(getDb(), viewer, id, Number(version)));
  return <DigestPage view={view} startAction={startDigestAction} />;
}
