/**
 * What the authorisation matrix's capability files share: the kinds of person every action is
 * tried by, the shape of a cell file, and the sets of roles the expectations are written in.
 * See `../authorization-matrix.int.test.ts` for how a capability file plugs in.
 */
import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/permissions";

export const ROLES = ["visitor", "registered", "member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"] as const;
export type Role = (typeof ROLES)[number];

/** The person a cell runs as, made fresh for each cell, and a fresh theme (which they curate when the role is curator). */
export interface Subject {
  actor: Actor;
  themeId: string;
}

/**
 * How a refusal must look.
 * - "forbidden" (the default): a typed `forbidden` or `unauthenticated` error. A `not_found` fails
 *   the cell, so a cell that looks up the wrong row cannot pass as a denial.
 * - "hidden": the rule hides that the resource exists, so a typed `not_found` is the refusal too.
 * - "omitted": the query answers but leaves the thing out (a list without it, a placeholder);
 *   the cell inspects the answer and throws `omitted(...)`.
 */
export type Refusal = "forbidden" | "hidden" | "omitted";

export interface Scenario {
  /** The resource's state, as the report shows it (e.g. "hidden paper"). */
  state: string;
  /** Who may act on a resource in this state. */
  who: ReadonlySet<Role>;
  /** Makes the resource in this state and runs the real command or query that pages and actions call. */
  run: (db: Db, subject: Subject) => Promise<unknown>;
  refusal?: Refusal;
  /** A cell whose real command reads the whole shared test database (the full export) may take longer than the default. */
  timeoutMs?: number;
}

/** A rule that reads the actor only (no resource, or one whose state the rule ignores) says why it has no restricted state. */
export interface NoRestrictedState {
  none: string;
}

/** Each action is tried on a resource in a state that allows it and in one the rule restricts. */
export interface ActionCells {
  allowed: Scenario;
  restricted: Scenario | NoRestrictedState;
}

/** A capability's cells: one entry per action of its rules file, so a missing action fails to compile. */
export type MatrixCells<Resources> = { [A in keyof Resources]: ActionCells };

export class Omitted extends Error {
  constructor(what: string) {
    super(`omitted: ${what}`);
    this.name = "Omitted";
  }
}
/** Thrown by a cell whose query answered but left the thing out. */
export const omitted = (what: string) => new Omitted(what);

export const only = (...roles: Role[]): ReadonlySet<Role> => new Set<Role>(roles);
export const ALL = only(...ROLES);
export const NOBODY = only();
export const ADMIN = only("admin");
/** Verified members in good standing, whatever their role. */
export const VERIFIED = only("member", "curator", "moderator", "fact_editor", "council", "admin");
/** Anyone signed in and not suspended. */
export const ACTIVE = only("registered", ...VERIFIED);
/** Anyone signed in, suspended or not. */
export const SIGNED_IN = only(...ACTIVE, "suspended admin");
