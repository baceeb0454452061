import type { Metadata } from "next";
import Link from "next/link";
import { ButtonForm, PetitionForm } from "@/components/council/forms";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { can, isVerified } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listPetitions, listRoleHolders, RECALL_ROLE_LABELS, recallOutcomeNote, type PetitionView } from "@/lib/council/recall";
import { getCouncilSettings } from "@/lib/council/settings";
import { signPetitionAction, openPetitionAction } from "./actions";

export const metadata: Metadata = { title: "Recall petitions", description: "Members can recall any role-holder by petition; at the threshold the role ends by itself." };
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS = { open: "Open", succeeded: "Reached its threshold: the role was removed", expired: "Closed without reaching its threshold" } as const;

export default async function RecallPage({ searchParams }: { searchParams: Promise<{ show?: string; page?: string; signed?: string }> }) {
  const sp = await searchParams;
  const show = sp.show === "closed" ? "closed" : "open";
  const page = Math.max(1, Number(sp.page) || 1);
  const viewer = await getViewer();
  const db = getDb();
  const [{ rows, total }, holders, settings] = await Promise.all([listPetitions(db, viewer, { status: show, page }), listRoleHolders(db), getCouncilSettings(db)]);
  const signed = sp.signed && UUID.test(sp.signed) ? (await listPetitions(db, viewer, { id: sp.signed })).rows[0] : undefined;
  // Only what is true of the viewer: they signed it (a link cannot claim otherwise).
  const confirmation = signed?.signedByViewer ? { petition: signed, note: signed.status === "succeeded" ? await recallOutcomeNote(db, signed.id) : null } : null;
  const options = holders
    .filter((h) => h.userId !== viewer.id)
    .map((h) => ({ value: `${h.userId}|${h.role}|${h.themeId ?? ""}`, label: `${h.name}: ${RECALL_ROLE_LABELS[h.role]}${h.themeTitle ? ` of ${h.themeTitle}` : ""}` }));
  return (
    <div className="space-y-8">
      <PageHeader title="Recall petitions">
        <p>
          Any verified member can petition to recall a moderator, council member, fact editor or curator. Members sign within {settings.recallWindowDays} days; at{" "}
          {settings.recallMinSignatures} signatures and {settings.recallSharePercent}% of active members (those seen in the last {settings.activeDays} days), whichever is more,
          the role ends at once and the seat is refilled. Who signs is never published, only how many.
        </p>
      </PageHeader>

      {confirmation ? (
        <Notice tone="success" role="status" title={confirmation.petition.status === "succeeded" ? "The petition reached its threshold" : "You signed the petition"}>
          {confirmation.petition.status === "succeeded"
            ? `With ${confirmation.petition.signatures} of ${confirmation.petition.threshold} signatures, ${confirmation.petition.targetName} no longer holds the role. ${confirmation.note ?? ""}`.trim()
            : `It has ${confirmation.petition.signatures} of ${confirmation.petition.threshold} signatures. At ${confirmation.petition.threshold} the role ends by itself.`}
        </Notice>
      ) : null}

      <nav aria-label="Petitions" className="flex gap-4">
        <Link href="/governance/recall" aria-current={show === "open" ? "page" : undefined} className="underline aria-[current=page]:font-semibold aria-[current=page]:no-underline">
          Open
        </Link>
        <Link href="/governance/recall?show=closed" aria-current={show === "closed" ? "page" : undefined} className="underline aria-[current=page]:font-semibold aria-[current=page]:no-underline">
          Closed
        </Link>
      </nav>

      <section aria-labelledby="petitions" className="space-y-3">
        <h2 id="petitions" className="text-xl font-semibold">
          {show === "open" ? "Open petitions" : "Closed petitions"}
        </h2>
        {rows.length === 0 ? (
          <EmptyState title={show === "open" ? "No open petitions" : "No closed petitions"} level={3} />
        ) : (
          <ul className="space-y-3">
            {rows.map((p) => (
              <Petition key={p.id} p={p} mayAct={can(viewer, "recall.sign", { id: p.id, status: p.status, targetUserId: p.targetUserId })} />
            ))}
          </ul>
        )}
        <Pagination page={page} total={total} pageSize={20} href={(n) => `/governance/recall?show=${show}&page=${n}`} />
      </section>

      <section aria-labelledby="open-petition" className="space-y-3">
        <h2 id="open-petition" className="text-xl font-semibold">
          Open a petition
        </h2>
        {isVerified(viewer) ? (
          options.length ? (
            <div className="rounded-lg border border-slate-300 bg-white p-4 sm:p-6">
              <p className="mb-4 text-sm text-slate-700">
                One petition per role-holder and role every {settings.recallCooldownDays} days; you may have {settings.maxOpenPetitionsPerMember} open at once. Your petition starts
                with your signature.
              </p>
              <PetitionForm action={openPetitionAction} holders={options} />
            </div>
          ) : (
            <EmptyState title="Nobody holds a role that can be recalled" level={3} />
          )
        ) : (
          <Notice>Verified members can open and sign petitions. {viewer.id ? null : <Link href="/sign-in">Sign in</Link>}</Notice>
        )}
      </section>
    </div>
  );
}

function Petition({ p, mayAct }: { p: PetitionView; mayAct: boolean }) {
  const headingId = `petition-${p.id}`;
  return (
    <li className="space-y-2 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby={headingId}>
      <h3 id={headingId} className="font-semibold">
        Recall {p.targetName} as {RECALL_ROLE_LABELS[p.role].toLowerCase()}
        {p.themeTitle ? ` of ${p.themeTitle}` : ""}
      </h3>
      <p className="whitespace-pre-line text-slate-800">{p.reason}</p>
      <p className="text-sm text-slate-700">
        {STATUS[p.status]} · {p.signatures} of {p.threshold} signatures · {p.status === "open" ? `closes ${day.format(p.closesAt)}` : `opened ${day.format(p.openedAt)}`}
      </p>
      <progress max={p.threshold} value={Math.min(p.signatures, p.threshold)} className="h-2 w-full" aria-label={`${p.signatures} of ${p.threshold} signatures`} />
      {p.status === "open" ? (
        p.signedByViewer ? (
          <p className="text-sm font-medium text-green-800">You have signed this petition.</p>
        ) : mayAct ? (
          <ButtonForm action={signPetitionAction} hidden={{ petitionId: p.id }} label="Sign this petition" pendingLabel="Signing…" />
        ) : null
      ) : null}
    </li>
  );
}
