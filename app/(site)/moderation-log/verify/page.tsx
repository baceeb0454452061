import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { verifyAuditChain } from "@/lib/audit/chain";

export const metadata: Metadata = { title: "Check the moderation log" };
export const dynamic = "force-dynamic";

export default async function VerifyLogPage() {
  const report = await verifyAuditChain(getDb());
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Check the moderation log">
        <p>
          Each entry of the <Link href="/moderation-log">moderation log</Link> carries the hash of the entry before it, so changing or deleting any past entry breaks the chain from
          there on. This page recomputes every hash now. The same check runs as <code>npx tsx scripts/verify-log.ts</code>.
        </p>
      </PageHeader>
      {report.ok ? (
        <Notice tone="success" title="The chain is intact" role="status">
          <p>
            {report.entries.toLocaleString("en-GB")} entries checked: none was changed or removed.
          </p>
        </Notice>
      ) : (
        <Notice tone="error" title="The chain is broken" role="alert">
          <ul className="ml-5 list-disc">
            {report.problems.map((p, i) => (
              <li key={i}>
                Entry {p.seq ?? "?"}: {p.problem}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {report.head ? (
        <section aria-labelledby="head" className="space-y-2">
          <h2 id="head" className="text-xl font-semibold">
            The newest link
          </h2>
          <p>Note these down and compare them later: a past rewritten from scratch shows as a different hash for the same entry.</p>
          <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">Entry</dt>
            <dd>{report.head.seq}</dd>
            <dt className="font-medium">Hash</dt>
            <dd className="break-all font-mono text-sm">{report.head.hash}</dd>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="how" className="space-y-2">
        <h2 id="how" className="text-xl font-semibold">
          How an entry is hashed
        </h2>
        <p>
          The hash is the SHA-256 of the entry’s canonical text: PostgreSQL’s JSON rendering of [number, previous hash, actor fingerprint, action, target type, target id, reason,
          details, time in UTC with microseconds]. The first entry’s previous hash is 64 zeros; the actor fingerprint is the SHA-256 of the actor’s id, so erasing an account
          leaves the chain whole.
        </p>
      </section>
    </div>
  );
}
