/** The rules of the open-data export and import (issue 14). Composed into the one table in ../permissions.ts. */
import { isActive, isAdmin, type RuleTable } from "../core";

export interface OpenDataResources {
  /** The public bundle: what any visitor can already read. */
  "openData.exportPublic": null;
  "openData.exportOwn": { userId: string };
  "openData.exportFull": null;
  "openData.import": null;
}

export const openDataRules: RuleTable<OpenDataResources> = {
  "openData.exportPublic": () => true,
  // A member's own data is theirs, suspended or not (GDPR art. 20 does not lapse with a suspension).
  "openData.exportOwn": (a, owner) => a.id !== null && a.id === owner.userId && (isActive(a) || a.standing === "suspended"),
  // Everything needed to restart the site holds everyone's data: admins only, each download logged.
  "openData.exportFull": (a) => isAdmin(a),
  "openData.import": (a) => isAdmin(a),
};
