import type { Metadata } from "next";
import Link from "next/link";
import { ButtonForm, VolunteerForm } from "@/components/council/forms";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { currentCouncil, listDraws } from "@/lib/council/queries";
import { getMyPool } from "@/lib/council/pool";
import { leavePoolAction, volunteerAction } from "./actions";

export const metadata: Metadata = { title: "The council", description: "The council is drawn by lot from volunteers, and anyone can check the draw." };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const STATUS = { announced: "Announced, not yet drawn", drawn: "Drawn", cancelled: "Cancelled" } as const;

export default async function CouncilPage() {
  const viewer = await getViewer();
  const db = getDb();
  const [council, draws, pool] = await Promise.all([currentCouncil(db), listDraws(db, { purpose: "council" }), getMyPool(db, viewer)]);
  const mayVolunteer = viewer.id !== null && can(viewer, "council.volunteer", { userId: viewer.id });
  const mayAnnounce = can(viewer, "draw.announce", null);
  return (
    <div className="space-y-10">
      <PageHeader
        title="The council"
        actions={
          <>
            {mayAnnounce ? <ButtonLink href="/governance/council/draws/new">Announce a draw</ButtonLink> : null}
            {can(viewer, "council.settings", null) ? (
              <ButtonLink href="/governance/council/settings" variant="secondary">
                Settings
              </ButtonLink>
            ) : null}
          </>
        }
      >
        <p>
          The council accepts papers, hears appeals and appoints fact editors. Its members are drawn by lot from volunteers, with quotas so it looks like the membership, and each
          volunteer&rsquo;s chance as equal as the quotas allow. Every draw is announced with a commitment to its random seed before it runs, and anyone can re-run it.
        </p>
      </PageHeader>

      <section aria-labelledby="council-members" className="space-y-3">
        <h2 id="council-members" className="text-xl font-semibold">
          Sitting now
        </h2>
        {council.length === 0 ? (
          <EmptyState title="No council has been drawn yet" level={3}>
            Until the first draw, the council is appointed during the site&rsquo;s start-up period, and every appointment is in the public log.
          </EmptyState>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {council.map((m) => (
              <li key={m.userId} className="rounded-md border border-slate-300 bg-white px-4 py-3">
                <span className="font-medium">{m.name}</span>
                <span className="block text-sm text-slate-700">
                  {m.termEndsAt ? `Term ends ${when.format(m.termEndsAt)}` : "Appointed during start-up"}
                  {m.fromReserve ? " · from the reserve list" : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="pool" className="space-y-4">
        <h2 id="pool" className="text-xl font-semibold">
          Volunteer for the pool
        </h2>
        {mayVolunteer ? (
          <div className="space-y-4 rounded-lg border border-slate-300 bg-white p-4 sm:p-6">
            <p className="text-slate-800">
              {pool.volunteered ? "You are in the pool for the next draw." : "Join the pool to be considered at the next draw."} The categories below are used only for the
              quotas; each is optional and is published only beside a pseudonymous pool id, never your name.
            </p>
            <VolunteerForm action={volunteerAction} categories={pool.categories} current={pool.volunteered} />
            {pool.volunteered ? <ButtonForm action={leavePoolAction} hidden={{}} label="Leave the pool" variant="secondary" /> : null}
          </div>
        ) : (
          <Notice>Verified members can volunteer for the pool. {viewer.id ? null : <Link href="/sign-in">Sign in</Link>}</Notice>
        )}
        {pool.draws.length ? (
          <div className="space-y-2">
            <h3 className="font-semibold">Your entries in draws</h3>
            <ul className="space-y-2">
              {pool.draws.map((d) => (
                <li key={d.drawId} className="rounded-md border border-slate-300 bg-white px-4 py-3 text-sm">
                  <Link href={`/governance/council/draws/${d.drawId}`} className="font-medium underline">
                    {d.title}
                  </Link>{" "}
                  · your pool id <code>{d.poolId}</code> · your chance {percent(d.probability)}
                  {d.seated === true ? " · you were drawn" : d.seated === false ? (d.reservePosition ? ` · reserve no. ${d.reservePosition}` : " · not drawn") : ""}
                  <details className="mt-1">
                    <summary className="cursor-pointer underline">Check your entry</summary>
                    <p className="mt-1 break-all">
                      Your secret: <code>{d.secret}</code>. The published hash of your entry is <code>{d.entryHash}</code>: it is sha256 of your pool id, your categories{" "}
                      <code>{d.categoriesKey}</code> and this secret, joined by “|”. Enter the secret on the verify page to check it.
                    </p>
                  </details>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="draws" className="space-y-3">
        <h2 id="draws" className="text-xl font-semibold">
          Draws
        </h2>
        {draws.length === 0 ? (
          <EmptyState title="No draws yet" level={3} />
        ) : (
          <ul className="space-y-2">
            {draws.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-300 bg-white px-4 py-3">
                <Link href={`/governance/council/draws/${d.id}`} className="font-medium underline">
                  {d.title}
                </Link>
                <span className="block text-sm text-slate-700">
                  {STATUS[d.status]} · {d.seats} seats from {d.poolSize} volunteers · {d.status === "drawn" && d.drawnAt ? `drawn ${when.format(d.drawnAt)}` : `draws from ${when.format(d.drawNotBefore)} UTC`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
