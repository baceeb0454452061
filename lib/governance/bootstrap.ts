/**
 * Who may hold a role, once the site is past its first start: moderators come only from elections,
 * the council only from the draw, fact editors only from the council's appointment. During the
 * bootstrap period (until the setting's date) an admin may still appoint, and each act is logged.
 */
import type { Tx } from "@/db";
import type { GlobalRole } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getGovernanceSettings, type GovernanceSettings } from "./settings";

/** The roles a process gives, and which one. */
export const PROCESS_ROLES: Partial<Record<GlobalRole, string>> = {
  moderator: "Moderators are elected",
  council: "The council is drawn by lot",
  fact_editor: "Fact editors are appointed by the council",
};

export function bootstrapOpen(settings: Pick<GovernanceSettings, "bootstrapEndsAt">, now: Date): boolean {
  return settings.bootstrapEndsAt === null || now < settings.bootstrapEndsAt;
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** Refuses an admin's grant or removal of a process role once the bootstrap period has ended. */
export async function assertAdminMayAppoint(tx: Tx, role: GlobalRole, now = new Date()): Promise<void> {
  const how = PROCESS_ROLES[role];
  if (!how) return;
  const settings = await getGovernanceSettings(tx);
  if (bootstrapOpen(settings, now)) return;
  throw new AppError(
    "forbidden:role",
    `${how}: since the bootstrap period ended on ${day.format(settings.bootstrapEndsAt!)}, an admin can no longer grant or remove this role by hand.`,
  );
}
