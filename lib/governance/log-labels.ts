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
};

/** A few details worth showing for governance entries. */
export function describeGovernance(details: Record<string, unknown>): string[] {
  const parts: string[] = [];
  if (typeof details.nominee === "string") parts.push(`nominee: ${details.nominee}`);
  if (Array.isArray(details.elected)) parts.push(`elected: ${(details.elected as string[]).join(", ") || "no one"}`);
  if (typeof details.via === "string") parts.push(`by ${details.via}`);
  if (details.changes && typeof details.changes === "object") parts.push(`changed: ${Object.keys(details.changes).join(", ")}`);
  return parts;
}
