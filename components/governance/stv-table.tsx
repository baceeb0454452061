import { formatVotes, type StvResult } from "@/lib/governance/stv";

/** The round-by-round count, as published: votes per candidate after each stage, what moved, and why. */
export function StvTable({ result, names, caption }: { result: StvResult; names: string[]; caption: string }) {
  const name = (i: number) => names[i] ?? `#${i + 1}`;
  const describe = (s: StvResult["stages"][number]) => {
    if (s.kind === "first") return "First preferences";
    if (s.kind === "surplus") return `Surplus of ${name(s.subject!)} transferred at ${formatVotes(s.transferValue!)}`;
    if (s.kind === "exclusion") return `${name(s.excluded!)} excluded, papers transferred`;
    return "Remaining seats filled (rule 52)";
  };
  return (
    <div className="space-y-3">
      <p>
        Quota {formatVotes(result.quota)} (Droop: {result.valid} valid ballots ÷ {result.seats + 1}, rounded down, plus 1). Method: {result.method === "irv" ? "instant-runoff (Scottish STV rules for one seat)" : "Scottish STV"}.
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200" tabIndex={0} role="region" aria-label={`${caption}, scrolls sideways`}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                Stage
              </th>
              {names.map((n) => (
                <th key={n} scope="col" className="px-3 py-2">
                  {n}
                </th>
              ))}
              <th scope="col" className="px-3 py-2">
                Non-transferable
              </th>
              <th scope="col" className="px-3 py-2">
                Lost to fractions
              </th>
            </tr>
          </thead>
          <tbody>
            {result.stages.map((s) => (
              <tr key={s.number} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="font-semibold">{s.number}.</span> {describe(s)}
                  {s.elected.length ? <span className="block text-green-800">Elected: {s.elected.map(name).join(", ")}</span> : null}
                  {s.tieBreaks.map((t, i) => (
                    <span key={i} className="block text-amber-900">
                      Tie between {t.tied.map(name).join(" and ")} settled {"stage" in t.by ? `by the votes at stage ${t.by.stage}` : "by the committed lot"}: {name(t.chosen)}
                    </span>
                  ))}
                </th>
                {s.votes.map((v, c) => (
                  <td key={c} className="px-3 py-2 tabular-nums">
                    {formatVotes(v)}
                    {s.transfers[c] ? <span className="block text-xs text-slate-600">{s.transfers[c]! > 0 ? "+" : "−"}{formatVotes(Math.abs(s.transfers[c]!))}</span> : null}
                  </td>
                ))}
                <td className="px-3 py-2 tabular-nums">{formatVotes(s.nonTransferable)}</td>
                <td className="px-3 py-2 tabular-nums">{formatVotes(s.lostToFractions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
