import { polygonHull } from "d3-polygon";
import { scaleLinear } from "d3-scale";
import type { MapPageView } from "@/lib/map/queries";
import type { Point } from "@/lib/map/types";

const SIZE = 320;
const PAD = 16;

/**
 * The opinion map as plain SVG drawn on the server (d3-scale for the axes' scales, d3-polygon for
 * the groups' hulls): no chart library reaches the reader. It scales to the width of a 375 px
 * phone through its viewBox. The picture is described in words beside it (MapDescription) and the
 * numbers are in a table, so nothing is only in the drawing.
 */
export function AgreementMap({ view }: { view: MapPageView }) {
  const all: Point[] = [...view.points.map((p) => p.point), ...Object.values(view.hullPoints).flat(), ...(view.me ? [view.me.point] : [])];
  const extent = Math.max(1e-6, ...all.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
  // One scale for both axes keeps distances true; y grows upwards as on a chart.
  const x = scaleLinear().domain([-extent, extent]).range([PAD, SIZE - PAD]);
  const y = scaleLinear().domain([-extent, extent]).range([SIZE - PAD, PAD]);
  const colour = new Map(view.groups.map((g) => [g.key, g.colour]));
  const hulls = view.groups.map((g) => {
    const pts = (view.hullPoints[g.key] ?? []).map(([a, b]) => [x(a), y(b)] as [number, number]);
    const hull = pts.length >= 3 ? polygonHull(pts) : null;
    return { group: g, hull, centre: pts.length ? ([pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length] as [number, number]) : null };
  });
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby="map-title map-desc" className="h-auto w-full max-w-xl rounded-md border border-slate-300 bg-white">
      <title id="map-title">Opinion map of {view.theme.title}</title>
      <desc id="map-desc">
        {view.version
          ? `${view.version.participantCount} ${view.version.participantCount === 1 ? "member" : "members"} placed by how they voted${view.groups.length > 1 ? `, in ${view.groups.length} opinion groups` : ""}. ${view.me ? "Your point is the large black circle." : ""} The description and the table below give the same information in words.`
          : "No map yet."}
      </desc>
      <line x1={x(0)} x2={x(0)} y1={PAD} y2={SIZE - PAD} stroke="#cbd5e1" strokeWidth={1} />
      <line x1={PAD} x2={SIZE - PAD} y1={y(0)} y2={y(0)} stroke="#cbd5e1" strokeWidth={1} />
      {hulls.map(({ group, hull }) =>
        hull ? <polygon key={group.key} points={hull.map((p) => p.join(",")).join(" ")} fill={group.colour} fillOpacity={0.12} stroke={group.colour} strokeWidth={1.5} /> : null,
      )}
      {view.points.map((p, i) => (
        <circle key={i} cx={x(p.point[0])} cy={y(p.point[1])} r={2.2} fill={p.group ? (colour.get(p.group) ?? "#475569") : "#64748b"} fillOpacity={0.7} />
      ))}
      {hulls.map(({ group, centre }) =>
        centre ? (
          <text key={group.key} x={centre[0]} y={centre[1]} textAnchor="middle" dominantBaseline="middle" fontSize={14} fontWeight={700} fill="#0f172a" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
            {group.name}
          </text>
        ) : null,
      )}
      {view.me ? (
        <g>
          <circle cx={x(view.me.point[0])} cy={y(view.me.point[1])} r={7} fill="#0f172a" stroke="#ffffff" strokeWidth={2.5} />
          <text x={x(view.me.point[0]) + 10} y={y(view.me.point[1]) - 8} fontSize={12} fontWeight={700} fill="#0f172a" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
            You
          </text>
        </g>
      ) : null}
    </svg>
  );
}

/** Agree, disagree and pass of one statement as a stacked bar, with the numbers in words. */
export function VoteBar({ agree, disagree, pass, label }: { agree: number; disagree: number; pass: number; label: string }) {
  const total = agree + disagree + pass;
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  return (
    <div className="space-y-0.5">
      <div className="flex h-2.5 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div style={{ width: `${pct(agree)}%` }} className="bg-emerald-700" />
        <div style={{ width: `${pct(disagree)}%` }} className="bg-red-700" />
        <div style={{ width: `${pct(pass)}%` }} className="bg-slate-400" />
      </div>
      <p className="text-xs text-slate-700">
        {label}: {pct(agree)} % agree, {pct(disagree)} % disagree, {pct(pass)} % pass ({total} {total === 1 ? "vote" : "votes"})
      </p>
    </div>
  );
}
