import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { roleGrants, users } from "@/db/schema";
import { forbidden, AppError } from "@/lib/errors";
import { VISITOR, can, type Action, type ActionResources, type Actor, type GlobalRole, type Standing } from "./permissions";
import { publicName } from "./public-name";

export interface SignedInActor extends Actor {
  readonly id: string;
  readonly displayName: string;
  readonly publicName: string;
}

export function standingOf(user: { verifiedAt: Date | null; suspendedAt: Date | null }): Standing {
  if (user.suspendedAt) return "suspended";
  return user.verifiedAt ? "member" : "registered";
}

/** Reads a person's current standing and roles from the database. Returns the visitor for an unknown id. */
export async function loadActor(db: Tx, userId: string | null | undefined): Promise<Actor | SignedInActor> {
  if (!userId) return VISITOR;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      pseudonym: users.pseudonym,
      usePseudonym: users.usePseudonym,
      verifiedAt: users.verifiedAt,
      suspendedAt: users.suspendedAt,
      role: roleGrants.role,
      themeId: roleGrants.themeId,
    })
    .from(users)
    .leftJoin(roleGrants, and(eq(roleGrants.userId, users.id), isNull(roleGrants.revokedAt)))
    .where(eq(users.id, userId));
  const first = rows[0];
  if (!first) return VISITOR;
  const roles = new Set<GlobalRole>();
  const curatorOf = new Set<string>();
  for (const row of rows) {
    if (row.role === "curator" && row.themeId) curatorOf.add(row.themeId);
    else if (row.role && row.role !== "curator") roles.add(row.role);
  }
  return {
    id: first.id,
    standing: standingOf(first),
    roles,
    curatorOf,
    displayName: first.displayName,
    publicName: publicName(first),
  };
}

export function isSignedIn(actor: Actor): actor is SignedInActor {
  return actor.id !== null;
}

/** Throws a typed forbidden error unless the rules allow it; commands call this before they write. */
export function assertCan<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): void {
  if (can(actor, action, resource)) return;
  if (actor.id === null) throw new AppError(`unauthenticated:${action}`, "Please sign in first.");
  if (actor.standing === "suspended") throw new AppError(`forbidden:${action}`, "Your account is suspended.");
  throw forbidden(action);
}

/** The door of /admin: navigation only, since each admin page and command checks its own action too. */
export function enterAdminArea(actor: Actor): void {
  assertCan(actor, "admin.enter", null);
}
