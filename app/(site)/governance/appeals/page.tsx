import type { Metadata } from "next";
import Link from "next/link";
import { AppealForm } from "@/components/council/forms";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listAppealableActs, listAppeals, OUTCOME_LABELS } from "@/lib/council/appeals";
import { getCouncilSettings } from "@/lib/council/settings";
import { fileAppealAction } from "./actions";

export const metadata: Metadata = { title: "Appeals" };
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const STATUS = { awaiting_panel: "Waiting for its panel", panel_drawn: "Being heard by a panel", decided: "Decided" } as const;
const SUBJECT = { comment: "A hidden comment", paper: "A hidden paper", suspension: "A suspension" } as const;

export default async function AppealsPage() {
  const viewer = await getViewer();
  const db = getDb();
  const [acts, appeals, settings] = await Promise.all([listAppealableActs(db, viewer), listAppeals(db, viewer), getCouncilSettings(db)]);
  const open = acts.filter((a) => !a.appealed);
  return (
    <div className="space-y-8">
      <PageHeader title="Appeals">
        <p>
          If a moderator hid your comment or paper, or suspended you, you can appeal within {settings.appealWindowDays} days. A panel of {settings.appealPanelSize} is drawn by lot from
          the council, leaving out the moderator who acted; it decides by majority with written reasons, and a restore takes effect at once.
        </p>
      </PageHeader>
      {!viewer.id ? (
        <Notice>
          <Link href="/sign-in">Sign in</Link> to appeal a decision about your content or account.
        </Notice>
      ) : (
        <section aria-labelledby="appealable" className="space-y-3">
          <h2 id="appealable" className="text-xl font-semibold">
            Decisions you can appeal
          </h2>
          {open.length === 0 ? (
            <EmptyState title="Nothing to appeal" level={3}>
              None of your content is hidden and your account is not suspended, or you have appealed already.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {open.map((a) => (
                <li key={`${a.subject}:${a.subjectId}`} className="space-y-2 rounded-lg border border-slate-300 bg-white p-4">
                  <p className="font-medium">{a.label}</p>
                  <p className="text-sm text-slate-700">
                    On {day.format(a.actedAt)}
                    {a.reason ? `, with the reason “${a.reason}”` : ""}. You can appeal until {day.format(a.deadline)}.
                  </p>
                  <AppealForm action={fileAppealAction} subject={a.subject} subjectId={a.subjectId} label={a.label} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {viewer.id ? (
        <section aria-labelledby="appeal-list" className="space-y-3">
          <h2 id="appeal-list" className="text-xl font-semibold">
            Appeals you can follow
          </h2>
          {appeals.length === 0 ? (
            <EmptyState title="No appeals" level={3} />
          ) : (
            <ul className="space-y-2">
              {appeals.map((a) => (
                <li key={a.id} className="rounded-md border border-slate-300 bg-white px-4 py-3">
                  <Link href={`/governance/appeals/${a.id}`} className="font-medium underline">
                    {SUBJECT[a.subject]}
                    {a.mine ? " (your appeal)" : ""}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    Filed {day.format(a.filedAt)} · {STATUS[a.status]}
                    {a.outcome ? `: ${OUTCOME_LABELS[a.outcome].toLowerCase()}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
