import type { MapPageView } from "@/lib/map/queries";

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);
const plural = (n: number, one: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : `${one}s`}`;

/** The map in words: the groups, where the viewer is, and what unites and divides, for everyone and for screen readers. */
export function MapDescription({ view }: { view: MapPageView }) {
  if (!view.version) return null;
  const body = new Map(view.statements.map((s) => [s.id, s.body]));
  const total = view.groups.reduce((s, g) => s + g.size, 0);
  const mine = view.me?.group ? view.groups.find((g) => g.key === view.me!.group) : null;
  const top = view.consensus.find((c) => body.has(c.statement));
  return (
    <div className="space-y-2 text-slate-800">
      <p>
        {plural(view.version.participantCount, "member")} who voted on at least {plural(view.minVotes, "statement")} {view.version.participantCount === 1 ? "is" : "are"} placed on the map: people who vote alike are close together.{" "}
        {view.groups.length > 1
          ? `They fall into ${view.groups.length} opinion groups: ${view.groups.map((g) => `${g.name} (${g.size}, ${pct(g.size, total)} %)`).join(", ")}.`
          : "No distinct opinion groups have formed yet."}
        {view.version.flagged ? ` ${view.version.flagged} ${view.version.flagged === 1 ? "member agrees" : "members agree"} with nearly everything and ${view.version.flagged === 1 ? "is" : "are"} shown without a group.` : ""}
      </p>
      {view.me ? (
        <p>
          You are {mine ? `in ${mine.name}` : view.me.agreesWithEverything ? "shown without a group, because you agreed with nearly every statement" : "not in a group yet"}.
        </p>
      ) : view.signedIn ? (
        <p>You are not on the map yet: vote on at least {plural(view.minVotes, "statement")} and it places you at its next update.</p>
      ) : null}
      {top ? <p>The statement that unites the groups most: “{body.get(top.statement)}”.</p> : null}
    </div>
  );
}

/** The numbers behind the map: each statement's agreement in each group. */
export function MapTable({ view }: { view: MapPageView }) {
  const shown = view.statements.filter((s) => !s.hidden);
  if (!view.version || !shown.length) return null;
  return (
    // A wide table scrolls sideways on a phone: focusable so keyboard users can scroll it too.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Table of agreement by group">
      <table className="min-w-full border-collapse text-sm">
        <caption className="mb-2 text-left font-medium text-slate-900">Share agreeing with each statement, overall and in each group (map version {view.version.version})</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b border-slate-300 p-2 text-left">
              Statement
            </th>
            <th scope="col" className="border-b border-slate-300 p-2 text-right">
              Everyone
            </th>
            {view.groups.map((g) => (
              <th key={g.key} scope="col" className="border-b border-slate-300 p-2 text-right">
                {g.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="border-b border-slate-200 p-2 text-left font-normal">
                {s.body}
              </th>
              <td className="border-b border-slate-200 p-2 text-right">{pct(s.agree, s.agree + s.disagree + s.pass)} %</td>
              {view.groups.map((g) => {
                const c = s.perGroup[g.key];
                return (
                  <td key={g.key} className="border-b border-slate-200 p-2 text-right">
                    {c ? `${pct(c.agree, c.agree + c.disagree + c.pass)} %` : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
