import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getGovernanceSettings } from "@/lib/governance/settings";
import { bootstrapOpen } from "@/lib/governance/bootstrap";
import { listModerators } from "@/lib/governance/queries";
import { formatDay } from "./format";

export const metadata: Metadata = { title: "Governance" };

/** The hub of the site's own democracy: a simple list, one entry of PARTS for each part of governance. */
const PARTS: { href: string; title: string; text: string }[] = [
  { href: "/governance/elections", title: "Moderator elections", text: "Nominations, secret ballots, a public count anyone can redo from the published ballots." },
  { href: "/governance/decisions", title: "Decisions", text: "Questions put to all members, a theme's participants or the council: consent, approval, ranked choice or score." },
  { href: "/governance/council", title: "The council", text: "Drawn by lot from volunteers, with quotas so it looks like the membership. Volunteer for the pool here." },
  { href: "/governance/council#draws", title: "Council draws", text: "Each draw is announced with a commitment to its seed before it runs, and anyone can verify it in the browser." },
  { href: "/governance/recall", title: "Recall petitions", text: "Any verified member can petition to recall a role-holder; at the threshold the role ends by itself." },
  { href: "/governance/appeals", title: "Appeals", text: "Appeal a hidden comment or paper, or a suspension, to a panel drawn by lot from the council." },
  { href: "/governance/fact-editors", title: "Fact editors", text: "Appointed by the council." },
  { href: "/moderation-log", title: "The public log", text: "Every moderation, admin and governance act, who took it and why." },
  { href: "/moderation-log/verify", title: "Check the log", text: "The log is a hash chain: see that no entry was changed or removed." },
];

export default async function GovernancePage() {
  const db = getDb();
  const [settings, moderators] = await Promise.all([getGovernanceSettings(db), listModerators(db)]);
  const open = bootstrapOpen(settings, new Date());
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title="Governance">
        <p>
          Here the rules, not the operators, decide who holds a role: moderators are elected, the council is drawn by lot, and every act is in a public log that cannot be quietly
          rewritten.
        </p>
      </PageHeader>
      <p className="rounded-md border border-slate-200 bg-white px-4 py-3">
        {open
          ? settings.bootstrapEndsAt
            ? `The site is in its bootstrap period until ${formatDay(settings.bootstrapEndsAt)}: until then admins may still appoint moderators, council members and fact editors, and each appointment is logged.`
            : "The site is in its bootstrap period: admins may still appoint moderators, council members and fact editors, and each appointment is logged, until the admins set its end."
          : `The bootstrap period ended on ${formatDay(settings.bootstrapEndsAt!)}: roles now come only from elections, the draw and the council.`}
      </p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {PARTS.map((p) => (
          <li key={p.href} className="px-4 py-3">
            <Link href={p.href} className="font-semibold text-blue-800 underline">
              {p.title}
            </Link>
            <p className="text-slate-700">{p.text}</p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="moderators" className="space-y-2">
        <h2 id="moderators" className="text-xl font-semibold">
          Moderators now
        </h2>
        {moderators.length === 0 ? (
          <p>No one holds the role at the moment.</p>
        ) : (
          <ul className="ml-6 list-disc">
            {moderators.map((m) => (
              <li key={m.userId}>
                {m.name}
                {m.termEndsAt ? <span className="text-slate-700">, elected, term ends {formatDay(m.termEndsAt)}</span> : <span className="text-slate-700">, appointed during the bootstrap period</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
