import type { Metadata } from "next";
import Link from "next/link";
import { AgreementMap, VoteBar } from "@/components/map/agreement-map";
import { ButtonForm, HideStatementForm, StatementForm, VoteForm } from "@/components/map/forms";
import { MapDescription, MapTable } from "@/components/map/map-description";
import { orNotFound } from "@/components/papers/load";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listContacts, nearestFindable, type ContactView, type NearbyMember } from "@/lib/map/contacts";
import { getMapPage, type MapPageView } from "@/lib/map/queries";
import { STATEMENT_MAX } from "@/lib/validation/convergence";
import { createStatementAction, hideStatementAction, requestContactAction, respondContactAction, restoreStatementAction, setFindableAction, voteStatementAction } from "./actions";

export const metadata: Metadata = { title: "Agreement map" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function MapPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ skip?: string | string[] }> }) {
  const { slug } = await params;
  const { skip } = await searchParams;
  const skipped = (Array.isArray(skip) ? skip : skip ? [skip] : []).slice(0, 50);
  const db = getDb();
  const viewer = await getViewer();
  const view = await orNotFound(() => getMapPage(db, viewer, slug, { skip: skipped }));
  const [nearby, contacts] = await Promise.all([nearestFindable(db, viewer, view.theme.id), listContacts(db, viewer, view.theme.id)]);
  const base = `/themes/${view.theme.slug}/map`;
  const skipHref = view.next ? `${base}?${new URLSearchParams([...skipped, view.next.id].map((s) => ["skip", s])).toString()}#vote-heading` : base;
  const body = new Map(view.statements.map((s) => [s.id, s.body]));
  return (
    <div className="space-y-10">
      <p className="text-sm">
        <Link href={`/themes/${view.theme.slug}`} className="text-blue-800 underline">
          ← Back to the theme
        </Link>
      </p>
      <PageHeader title={`Agreement map: ${view.theme.title}`}>
        <p>Members vote on short statements; the map groups people who vote alike, and shows what unites the groups and what divides them.</p>
      </PageHeader>

      <section aria-labelledby="vote-heading" className="space-y-3">
        <h2 id="vote-heading" className="text-xl font-semibold">
          Vote
        </h2>
        <VoteSection view={view} skipHref={skipHref} skipped={skipped.length > 0} base={base} />
      </section>

      <section aria-labelledby="map-heading" className="space-y-4">
        <h2 id="map-heading" className="text-xl font-semibold">
          The map
        </h2>
        {view.version ? (
          <>
            <AgreementMap view={view} />
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Groups">
              {view.groups.map((g) => (
                <li key={g.key} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-3 rounded-full" style={{ background: g.colour }} />
                  {g.name}: {g.size} {g.size === 1 ? "member" : "members"}
                </li>
              ))}
            </ul>
            <MapDescription view={view} />
            <p className="text-sm text-slate-700">
              Map version {view.version.version}, computed <time dateTime={view.version.computedAt.toISOString()}>{when.format(view.version.computedAt)}</time> from {view.version.voteCount} votes on {view.version.statementCount} statements. Each update keeps the axes and group names of the one before, so a point only moves when votes move it.
            </p>
            <details>
              <summary className="cursor-pointer text-blue-800 underline">The map as a table</summary>
              <div className="mt-3">
                <MapTable view={view} />
              </div>
            </details>
          </>
        ) : (
          <p className="text-slate-700">There is no map yet: it appears once members have voted on a few statements.</p>
        )}
      </section>

      {view.version && view.groups.length > 0 ? (
        <section aria-labelledby="unites-heading" className="space-y-3">
          <h2 id="unites-heading" className="text-xl font-semibold">
            What unites the groups
          </h2>
          <ol className="space-y-3">
            {view.consensus
              .filter((c) => body.has(c.statement))
              .slice(0, 5)
              .map((c) => (
                <li key={c.statement} className="rounded-md border border-slate-200 bg-white p-3">
                  <p className="mb-2 text-slate-900">{body.get(c.statement)}</p>
                  <GroupBars view={view} statementId={c.statement} />
                </li>
              ))}
          </ol>
        </section>
      ) : null}

      {view.groups.length > 1 ? (
        <section aria-labelledby="divides-heading" className="space-y-4">
          <h2 id="divides-heading" className="text-xl font-semibold">
            What sets each group apart
          </h2>
          {view.groups.map((g) => {
            const rep = view.repness.filter((r) => r.group === g.key && body.has(r.statement));
            return (
              <div key={g.key} className="space-y-2">
                <h3 className="flex items-center gap-2 font-semibold">
                  <span aria-hidden="true" className="inline-block size-3 rounded-full" style={{ background: g.colour }} />
                  {g.name}
                </h3>
                {rep.length ? (
                  <ul className="space-y-1">
                    {rep.map((r) => (
                      <li key={r.statement} className="text-slate-800">
                        {Math.round(r.share * 100)} % {r.direction === "agree" ? "agree" : "disagree"} (others: {Math.round(r.restShare * 100)} %): “{body.get(r.statement)}”
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-700">No statement sets this group clearly apart yet.</p>
                )}
              </div>
            );
          })}
        </section>
      ) : null}

      <section aria-labelledby="statements-heading" className="space-y-3">
        <h2 id="statements-heading" className="text-xl font-semibold">
          All statements
        </h2>
        {view.statements.length ? (
          <ul className="space-y-3">
            {view.statements.map((s) => (
              <li key={s.id} className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
                <p className="text-slate-900">
                  {s.hidden ? <span className="mr-2 rounded bg-amber-100 px-1.5 text-sm font-medium text-amber-900">Hidden</span> : null}
                  {s.body}
                </p>
                {s.paper ? (
                  <p className="text-sm text-slate-700">
                    About the paper{" "}
                    <Link href={`/papers/${s.paper.id}/statements`} className="text-blue-800 underline">
                      {s.paper.title}
                    </Link>
                  </p>
                ) : null}
                {s.mine !== null ? <p className="text-sm text-slate-700">You voted: {s.mine === 1 ? "agree" : s.mine === -1 ? "disagree" : "pass"}</p> : null}
                <VoteBar agree={s.agree} disagree={s.disagree} pass={s.pass} label="Everyone" />
                {view.canModerate ? <HideStatementForm statementId={s.id} hidden={s.hidden} action={s.hidden ? restoreStatementAction : hideStatementAction} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">No statements yet.{view.canWrite ? " Write the first one below." : ""}</p>
        )}
        {view.canWrite ? (
          <div className="space-y-2 pt-2">
            <h3 className="font-semibold">Add a statement</h3>
            <StatementForm themeId={view.theme.id} action={createStatementAction} max={STATEMENT_MAX} />
          </div>
        ) : null}
      </section>

      <PeopleSection view={view} nearby={nearby} contacts={contacts} />

      {view.canExport && view.version ? (
        <section aria-labelledby="export-heading" className="space-y-2">
          <h2 id="export-heading" className="text-xl font-semibold">
            The data
          </h2>
          <p className="text-slate-700">The statements and votes in Pol.is’s CSV formats, so anyone can recompute the map (members appear as numbers, never names):</p>
          <ul className="list-disc pl-6">
            {["comments", "votes", "participant-votes"].map((f) => (
              <li key={f}>
                <a href={`${base}/export/${f}.csv`} className="text-blue-800 underline">
                  {f}.csv
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function VoteSection({ view, skipHref, skipped, base }: { view: MapPageView; skipHref: string; skipped: boolean; base: string }) {
  if (!view.signedIn) {
    return (
      <p className="text-slate-700">
        <Link href={`/sign-in?next=${encodeURIComponent(base)}`} className="text-blue-800 underline">
          Sign in
        </Link>{" "}
        as a verified member to vote.
      </p>
    );
  }
  if (!view.canVote) return <p className="text-slate-700">Voting is for verified members in good standing.</p>;
  const left = view.statements.filter((s) => !s.hidden).length - view.votedCount;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        You have voted on {view.votedCount} of {view.votedCount + left} statements.
        {view.votedCount < view.minVotes ? ` Vote on ${view.minVotes - view.votedCount} more to appear on the map.` : ""}
      </p>
      {view.next ? (
        <VoteForm key={view.next.id} statementId={view.next.id} body={view.next.body} action={voteStatementAction} skipHref={skipHref} />
      ) : left > 0 && skipped ? (
        <p className="text-slate-700">
          You skipped the rest.{" "}
          <Link href={base} className="text-blue-800 underline">
            Show the skipped statements again
          </Link>
        </p>
      ) : (
        <p className="text-slate-700">You have voted on every statement. Thank you: add one of your own below if something is missing.</p>
      )}
    </div>
  );
}

function GroupBars({ view, statementId }: { view: MapPageView; statementId: string }) {
  const s = view.statements.find((x) => x.id === statementId);
  if (!s) return null;
  return (
    <div className="space-y-1.5">
      {view.groups.map((g) => {
        const c = s.perGroup[g.key] ?? { agree: 0, disagree: 0, pass: 0 };
        return <VoteBar key={g.key} label={g.name} agree={c.agree} disagree={c.disagree} pass={c.pass} />;
      })}
    </div>
  );
}

function PeopleSection({ view, nearby, contacts }: { view: MapPageView; nearby: NearbyMember[]; contacts: ContactView[] }) {
  return (
    <section id="people" aria-labelledby="people-heading" className="space-y-3">
      <h2 id="people-heading" className="text-xl font-semibold">
        People who agree with you
      </h2>
      {!view.canVote ? (
        <p className="text-slate-700">Verified members can find others near them on the map who have chosen to be findable.</p>
      ) : (
        <>
          <p className="text-slate-700">
            {view.findable
              ? "You are findable: members near you on this map can ask to be in touch. Your name is shown only to those whose request you accept."
              : "You are not findable. If you opt in, members near you on this map can ask to be in touch; your name is shown only to those whose request you accept."}
          </p>
          <ButtonForm action={setFindableAction} fields={{ themeId: view.theme.id, findable: String(!view.findable) }} label={view.findable ? "Stop being findable" : "Let members near me find me"} variant="secondary" />
          {!view.me ? (
            <p className="text-slate-700">Once you are on the map you will see the findable members nearest to you here.</p>
          ) : nearby.length ? (
            <ul className="space-y-2" aria-label="Findable members near you">
              {nearby.map((n, i) => (
                <li key={n.handle} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white p-3">
                  <p>
                    <b>Member {i + 1}</b>
                    {n.group ? ` in ${view.groups.find((g) => g.key === n.group)?.name ?? "a group"}` : ""}: voted the same as you on {n.same} of {n.shared} shared statements
                  </p>
                  {n.request === "connected" ? (
                    <span className="text-sm text-slate-700">In touch (see below)</span>
                  ) : n.request === "sent" ? (
                    <span className="text-sm text-slate-700">Request sent</span>
                  ) : (
                    <ButtonForm action={requestContactAction} fields={{ themeId: view.theme.id, handle: n.handle }} label={n.request === "received" ? `Accept Member ${i + 1}’s request` : `Ask Member ${i + 1} to be in touch`} />
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">No findable members are near you yet.</p>
          )}
          {contacts.length ? (
            <div className="space-y-2">
              <h3 className="font-semibold">Your requests</h3>
              <ul className="space-y-2">
                {contacts.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white p-3">
                    <p>
                      {c.status === "accepted"
                        ? `In touch with ${c.name ?? "a former member"}`
                        : c.direction === "incoming"
                          ? "A member near you would like to be in touch"
                          : c.status === "declined"
                            ? "Your request was not accepted"
                            : "Your request is waiting for them"}
                    </p>
                    {c.direction === "incoming" && c.status === "pending" ? (
                      <div className="flex gap-2">
                        <ButtonForm action={respondContactAction} fields={{ requestId: c.id, accept: "true" }} label="Accept" />
                        <ButtonForm action={respondContactAction} fields={{ requestId: c.id, accept: "false" }} label="Decline" variant="secondary" />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
