/** How the moderation log words governance acts ("<who> <did what>"); spread into the log page's labels. */
export const GOVERNANCE_ACTION_LABELS: Record<string, string> = {
  "governance.settings": "changed the governance settings",
  "election.create": "called an election",
  "election.nominate": "made a nomination",
  "election.accept": "accepted a nomination",
  "election.decline": "declined a nomination",
  "election.count": "counted an election and published its ballots",
  "election.recount": "refilled a vacant seat by recount",
  "decision.open": "opened a decision",
  "decision.seconded": "opened a decision to votes after enough seconds",
  "decision.close": "closed a decision",
  "council.settings": "changed the council's settings",
  "council.vacancy": "left a council seat vacant",
  "draw.announce": "announced a draw by lot and committed to its seed",
  "draw.run": "ran a draw by lot and revealed its seed",
  "recall.open": "opened a recall petition",
  "recall.sign": "counted a signature on a recall petition",
  "recall.threshold": "found a recall petition at its threshold",
  "recall.expired": "closed a recall petition that did not reach its threshold",
  "role.vacant": "recorded a vacant role",
  "appeal.file": "filed an appeal",
  "appeal.panel": "drew an appeal panel",
  "appeal.decide": "recorded an appeal panel's decision",
};

/** A few details worth showing for governance entries. */
export function describeGovernance(details: Record<string, unknown>): string[] {
  const parts: string[] = [];
  if (typeof details.nominee === "string") parts.push(`nominee: ${details.nominee}`);
  if (Array.isArray(details.elected)) parts.push(`elected: ${(details.elected as string[]).join(", ") || "no one"}`);
  if (typeof details.via === "string") parts.push(`by ${details.via}`);
  if (typeof details.signatures === "number" && typeof details.threshold === "number") parts.push(`${details.signatures} of ${details.threshold} signatures`);
  if (typeof details.seats === "number" && typeof details.pool === "number") parts.push(`${details.seats} seats from ${details.pool} volunteers`);
  if (typeof details.seed === "string" && Array.isArray(details.panel)) parts.push(`seed ${details.seed.slice(0, 12)}…`);
  if (details.changes && typeof details.changes === "object") parts.push(`changed: ${Object.keys(details.changes).join(", ")}`);
  return parts;
}
