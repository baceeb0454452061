import type { Hardness } from "@/lib/facts/hardness";
import { cn } from "@/components/ui/cn";

/** A score badge; the words carry the meaning, the colour only repeats it. */
export function HardnessBadge({ score, className }: { score: number; className?: string }) {
  const band = score >= 70 ? "Hard" : score >= 40 ? "Fair" : "Soft";
  const tone = score >= 70 ? "bg-green-800 text-white" : score >= 40 ? "bg-amber-200 text-amber-950" : "bg-slate-200 text-slate-900";
  return (
    <span className={cn("inline-flex items-baseline gap-1 rounded px-2 py-0.5 text-sm font-semibold", tone, className)}>
      <span>Hardness {score}</span>
      <span className="font-normal">· {band}</span>
    </span>
  );
}

/** The score explained term by term, with a small bar for each term (plus to the right, minus to the left). */
export function HardnessExplanation({ hardness }: { hardness: Hardness }) {
  const max = Math.max(20, ...hardness.terms.map((t) => Math.abs(t.points)));
  return (
    <div className="space-y-3">
      <p className="text-lg">
        <strong className="text-2xl">{hardness.score}</strong> <span className="text-slate-700">out of 100</span>
      </p>
      <ul className="space-y-2" aria-label="How the score is made">
        {hardness.terms.map((t) => (
          <li key={t.key} className="grid grid-cols-[1fr] gap-1 sm:grid-cols-[minmax(0,1fr)_10rem] sm:items-center sm:gap-4">
            <span>{t.explanation}</span>
            <span aria-hidden="true" className="relative block h-3 rounded bg-slate-100">
              <span className="absolute inset-y-0 left-1/2 w-px bg-slate-400" />
              {t.points !== 0 ? (
                <span
                  className={cn("absolute inset-y-0 rounded", t.points > 0 ? "left-1/2 bg-green-700" : "right-1/2 bg-red-700")}
                  style={{ width: `${(Math.abs(t.points) / max) * 50}%` }}
                />
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700">
        The total is the sum of these terms, kept between 0 and 100. <a href="#how-hardness-works" className="underline">How hardness works</a>
      </p>
    </div>
  );
}

export function FlagNotice({ status, openDisputes }: { status: string; openDisputes: number }) {
  if (status === "retracted")
    return (
      <p className="rounded-md border-2 border-dashed border-red-700 bg-red-50 px-4 py-3 font-semibold text-red-950">
        <span aria-hidden="true">⚠ </span>Retracted: a fact editor withdrew this fact. Do not rely on it.
      </p>
    );
  if (openDisputes > 0)
    return (
      <p className="rounded-md border-2 border-dashed border-amber-600 bg-amber-50 px-4 py-3 font-semibold text-amber-950">
        <span aria-hidden="true">⚠ </span>Disputed: {openDisputes === 1 ? "one dispute is" : `${openDisputes} disputes are`} waiting for a fact editor.
      </p>
    );
  return null;
}
