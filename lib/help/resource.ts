import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { helpInvitations, helpRequests } from "@/db/schema";
import type { HelpInvitationResource, HelpRequestResource } from "@/lib/auth/rules/directory";
import { notFound } from "@/lib/errors";

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

export async function loadHelpRequestResource(db: Tx, id: string): Promise<HelpRequestResource> {
  if (!isUuid(id)) throw notFound("help", "That help request could not be found.");
  const [r] = await db.select({ id: helpRequests.id, requesterId: helpRequests.requesterId, status: helpRequests.status }).from(helpRequests).where(eq(helpRequests.id, id));
  if (!r) throw notFound("help", "That help request could not be found.");
  return r;
}

export async function loadInvitationResource(db: Tx, id: string): Promise<HelpInvitationResource> {
  if (!isUuid(id)) throw notFound("invitation", "That invitation could not be found.");
  const [i] = await db
    .select({ id: helpInvitations.id, inviteeId: helpInvitations.inviteeId, status: helpInvitations.status, requestId: helpInvitations.requestId })
    .from(helpInvitations)
    .where(eq(helpInvitations.id, id));
  if (!i) throw notFound("invitation", "That invitation could not be found.");
  return { id: i.id, inviteeId: i.inviteeId, status: i.status, request: await loadHelpRequestResource(db, i.requestId) };
}
