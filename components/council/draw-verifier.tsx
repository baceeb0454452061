"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { entryHash, probabilityOf, verifyDraw, type PublishedDraw, type Verification } from "@/lib/council/draw";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "done"; draw: PublishedDraw; verification: Verification; ms: number };

/** Re-runs a published draw in the browser with the site's own pure module. */
export function DrawVerifier({ url }: { url: string }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const res = await fetch(url, { cache: "no-store" });
        if (!res.ok) throw new Error(`The inputs could not be fetched (${res.status}).`);
        const draw = (await res.json()) as PublishedDraw;
        const t = performance.now();
        const verification = verifyDraw(draw);
        if (!cancelled) setState({ kind: "done", draw, verification, ms: performance.now() - t });
      } catch (e) {
        if (!cancelled) setState({ kind: "error", message: e instanceof Error ? e.message : "The check failed." });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [url]);

  if (state.kind === "loading")
    return (
      <p role="status" className="text-slate-700">
        Re-running the draw…
      </p>
    );
  if (state.kind === "error")
    return (
      <Notice tone="error" role="alert">
        {state.message}
      </Notice>
    );
  const { draw, verification } = state;
  return (
    <div className="space-y-4">
      {verification.ok ? (
        <Notice tone="success" role="status" title={draw.result ? "Verified" : "Announcement checked"}>
          {draw.result
            ? `The revealed seed matches the commitment, and re-running the draw gives exactly the published panel of ${draw.result.panel.length} and reserve list of ${draw.result.reserve.length} (checked in ${Math.round(state.ms)} ms).`
            : "The announcement matches its hash and every panel shape in its lottery meets the quotas. The draw has not run yet: come back after it to check the result."}
        </Notice>
      ) : (
        <Notice tone="error" role="alert" title="Not verified">
          <ul className="list-inside list-disc">
            {verification.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
      <EntryCheck draw={draw} />
    </div>
  );
}

function EntryCheck({ draw }: { draw: PublishedDraw }) {
  const id = useId();
  const [poolId, setPoolId] = useState("");
  const [secret, setSecret] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const a = draw.announcement;
  const check = () => {
    const entry = a.pool.find((p) => p.poolId === poolId.trim());
    if (!entry) return setResult("There is no entry with that pool id in this draw.");
    const matches = entryHash(entry.poolId, a.categories, entry.categories, secret.trim()) === entry.entryHash;
    const chance = ((probabilityOf(a, entry.poolId) ?? 0) * 100).toFixed(2);
    const outcome = draw.result ? (draw.result.panel.includes(entry.poolId) ? " You were drawn." : draw.result.reserve.includes(entry.poolId) ? ` You are number ${draw.result.reserve.indexOf(entry.poolId) + 1} on the reserve list.` : " You were not drawn.") : "";
    setResult(matches ? `Your entry is in the pool as you declared it. Your chance was ${chance}%.${outcome}` : "That secret does not match this entry: the entry is not what it should be, or the secret was mistyped.");
  };
  return (
    <form
      className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        check();
      }}
    >
      <h2 className="text-lg font-semibold">Check your own entry</h2>
      <p className="text-sm text-slate-700">Your pool id and secret are on the council page when you are signed in. Nothing you type here leaves your browser.</p>
      <div className="space-y-1">
        <label htmlFor={`${id}-pool`} className="block font-medium">
          Pool id
        </label>
        <input id={`${id}-pool`} value={poolId} onChange={(e) => setPoolId(e.target.value)} className="block w-full rounded-md border border-slate-400 px-3 py-2" autoComplete="off" />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-secret`} className="block font-medium">
          Secret
        </label>
        <input id={`${id}-secret`} value={secret} onChange={(e) => setSecret(e.target.value)} className="block w-full rounded-md border border-slate-400 px-3 py-2 font-mono" autoComplete="off" />
      </div>
      <Button type="submit" variant="secondary">
        Check my entry
      </Button>
      <p role="status" className="text-slate-900">
        {result}
      </p>
    </form>
  );
}
