import type { Metadata } from "next";
import Link from "next/link";
import { NewDecisionForm } from "@/components/governance/decision-forms";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isCouncil, isVerified } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getGovernanceSettings } from "@/lib/governance/settings";
import { listActiveThemes } from "@/lib/themes/queries";
import { openDecisionAction } from "../../actions";
import { ELECTORATE_LABELS, localInput } from "../../format";

export const metadata: Metadata = { title: "Open a decision" };
const weekFrom = (d: Date) => new Date(d.getTime() + 7 * 86_400_000);

export default async function NewDecisionPage() {
  const viewer = await getViewer();
  const db = getDb();
  if (!isVerified(viewer)) {
    return (
      <div className="max-w-2xl space-y-6">
        <PageHeader title="Open a decision" />
        <Notice tone="info" title="Only verified members open decisions">
          {viewer.id ? <p>Verify your membership in <Link href="/settings">your settings</Link> first.</p> : <p><Link href="/sign-in?next=/governance/decisions/new">Sign in</Link> first.</p>}
        </Notice>
      </div>
    );
  }
  const [themes, settings] = await Promise.all([listActiveThemes(db), getGovernanceSettings(db)]);
  const council = isCouncil(viewer);
  const electorates = (council ? (["members", "theme", "council"] as const) : (["theme"] as const)).map((value) => ({ value, label: ELECTORATE_LABELS[value] }));
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Open a decision">
        <p>
          {council
            ? "As a council member you can put a question to all members, a theme's participants or the council."
            : "You can put a question to a theme's participants. Curators of the theme open it at once; otherwise it opens when enough participants second it."}
        </p>
      </PageHeader>
      <NewDecisionForm
        action={openDecisionAction}
        electorates={electorates}
        themes={themes.map((t) => ({ id: t.id, title: t.title }))}
        defaultCloses={localInput(weekFrom(new Date()))}
        secondsRequired={settings.decisionSecondsRequired}
      />
    </div>
  );
}
