/** Matrix cells for the actions of ../rules/council.ts: one entry per action (the type makes a missing one a compile error). */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { appeals, comments, councilDraws, poolVolunteers, recallPetitions } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import type { CouncilResources } from "@/lib/auth/rules/council";
import { drawAppealPanel, fileAppeal, getAppeal, voteOnAppeal } from "@/lib/council/appeals";
import { announceCouncilDraw, executeDraw, executeDrawTx, freezeAnnouncement, insertDraw } from "@/lib/council/draws";
import { volunteerForPool } from "@/lib/council/pool";
import { openPetition, signPetition } from "@/lib/council/recall";
import { getCouncilSettings, updateCouncilSettings } from "@/lib/council/settings";
import { createPerson, createTestComment, createTestPaper } from "@/lib/testing/factories";
import { ADMIN, NOBODY, SIGNED_IN, VERIFIED, only, type MatrixCells, type Subject } from "./harness";

const stranger = async (d: Db) => (await createPerson(d)).id;
const selfOrStranger = async (d: Db, s: Subject) => s.actor.id ?? stranger(d);
const freshAdmin = async (d: Db) => loadActor(d, (await createPerson(d, { roles: ["admin"] })).id);

/** A draw of one seat from one person, announced and due (or due later). Appeal-panel draws seat nobody. */
async function announcedDraw(d: Db, dueIn = 0) {
  const id = crypto.randomUUID();
  const frozen = await freezeAnnouncement({ drawId: id, title: "Matrix draw", seats: 1, reserveSize: 0, categories: [], quotas: [], pool: [{ userId: await stranger(d), categories: {} }] });
  await d.transaction((tx) => insertDraw(tx, { id: null, standing: "visitor", roles: new Set(), curatorOf: new Set() }, "appeal_panel", id, frozen, { title: "Matrix draw", seats: 1, quotas: [], termDays: 0, drawNotBefore: new Date(Date.now() + dueIn) }));
  return id;
}

/** A hidden comment by `authorId`, hidden by `moderatorId`. */
async function hiddenComment(d: Db, authorId: string, moderatorId: string) {
  const comment = await createTestComment(d, { paperId: (await createTestPaper(d)).id, authorId });
  await d.update(comments).set({ hiddenAt: new Date(), hiddenBy: moderatorId, hiddenReason: "Matrix test" }).where(eq(comments.id, comment.id));
  return comment.id;
}

/** An appeal filed by `appellantId` against an act of `moderatorId`, its panel drawn from `panelUserId` alone when given. */
async function appeal(d: Db, appellantId: string, moderatorId: string, panelUserId?: string) {
  const subjectId = await hiddenComment(d, appellantId, moderatorId);
  const [row] = await d
    .insert(appeals)
    .values({ appellantId, subject: "comment", subjectId, moderatorId, actedAt: new Date(), statement: "Matrix test" })
    .returning({ id: appeals.id });
  if (panelUserId) {
    const drawId = crypto.randomUUID();
    const frozen = await freezeAnnouncement({ drawId, title: "Matrix panel", seats: 1, reserveSize: 0, categories: [], quotas: [], pool: [{ userId: panelUserId, categories: {} }] });
    const admin = await freshAdmin(d);
    await d.transaction(async (tx) => {
      await insertDraw(tx, admin, "appeal_panel", drawId, frozen, { title: "Matrix panel", seats: 1, quotas: [], termDays: 0, drawNotBefore: new Date() });
      await executeDrawTx(tx, admin, drawId, new Date());
    });
    await d.update(appeals).set({ panelDrawId: drawId, status: "panel_drawn" }).where(eq(appeals.id, row!.id));
  }
  return row!.id;
}

async function petitionAgainst(d: Db, targetUserId: string) {
  const [row] = await d
    .insert(recallPetitions)
    .values({ targetUserId, role: "moderator", openedBy: await stranger(d), reason: "Matrix test", closesAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: recallPetitions.id });
  return row!.id;
}

export const councilCells: MatrixCells<CouncilResources> = {
  "council.volunteer": {
    allowed: { state: "own pool entry", who: VERIFIED, run: (d, s) => volunteerForPool(d, s.actor, { region: "North" }) },
    restricted: { none: "the command only ever changes the actor's own entry" },
  },
  "council.settings": {
    allowed: {
      state: "the settings",
      who: ADMIN,
      run: async (d, s) => {
        const { id: _id, updatedAt: _at, updatedBy: _by, ...input } = await getCouncilSettings(d);
        await updateCouncilSettings(d, s.actor, input);
      },
    },
    restricted: { none: "the rule reads the role only" },
  },
  "draw.announce": {
    allowed: {
      state: "a pool with volunteers and no draw pending",
      who: only("admin", "council"),
      run: async (d, s) => {
        await d.update(councilDraws).set({ status: "cancelled" }).where(and(eq(councilDraws.purpose, "council"), eq(councilDraws.status, "announced")));
        await d.insert(poolVolunteers).values({ userId: await stranger(d), categories: {} });
        await announceCouncilDraw(d, s.actor, { title: "Matrix council", seats: 1, quotas: [], drawNotBefore: new Date(Date.now() + 3600_000) });
      },
    },
    restricted: { none: "the rule reads the role only" },
  },
  "draw.run": {
    allowed: { state: "an announced draw that is due", who: only("admin", "council"), run: async (d, s) => executeDraw(d, s.actor, await announcedDraw(d)) },
    // The seed stays committed until the announced time.
    restricted: { state: "an announced draw not yet due", who: NOBODY, run: async (d, s) => executeDraw(d, s.actor, await announcedDraw(d, 3600_000)) },
  },
  "recall.open": {
    allowed: { state: "another member's moderator role", who: VERIFIED, run: async (d, s) => openPetition(d, s.actor, { targetUserId: (await createPerson(d, { roles: ["moderator"] })).id, role: "moderator", reason: "Matrix test" }) },
    restricted: { state: "one's own role", who: NOBODY, run: async (d, s) => openPetition(d, s.actor, { targetUserId: await selfOrStranger(d, s), role: "moderator", reason: "Matrix test" }) },
  },
  "recall.sign": {
    allowed: { state: "an open petition against another", who: VERIFIED, run: async (d, s) => signPetition(d, s.actor, await petitionAgainst(d, (await createPerson(d, { roles: ["moderator"] })).id)) },
    restricted: { state: "a petition against oneself", who: NOBODY, run: async (d, s) => signPetition(d, s.actor, await petitionAgainst(d, await selfOrStranger(d, s))) },
  },
  "appeal.file": {
    allowed: { state: "one's own hidden comment", who: SIGNED_IN, run: async (d, s) => fileAppeal(d, s.actor, { subject: "comment", subjectId: await hiddenComment(d, await selfOrStranger(d, s), await stranger(d)), statement: "Matrix test" }) },
    restricted: { state: "another member's hidden comment", who: NOBODY, run: async (d, s) => fileAppeal(d, s.actor, { subject: "comment", subjectId: await hiddenComment(d, await stranger(d), await stranger(d)), statement: "Matrix test" }) },
  },
  "appeal.view": {
    allowed: { state: "one's own appeal", who: SIGNED_IN, run: async (d, s) => getAppeal(d, s.actor, await appeal(d, await selfOrStranger(d, s), await stranger(d))) },
    restricted: { state: "another member's appeal", who: only("council", "admin"), run: async (d, s) => getAppeal(d, s.actor, await appeal(d, await stranger(d), await stranger(d))) },
  },
  "appeal.drawPanel": {
    allowed: {
      state: "an appeal awaiting its panel",
      who: only("council", "admin"),
      run: async (d, s) => {
        await createPerson(d, { roles: ["council"] });
        await drawAppealPanel(d, s.actor, await appeal(d, await stranger(d), await stranger(d)));
      },
    },
    // Nobody draws the panel for an appeal against their own decision.
    restricted: { state: "an appeal against one's own decision", who: NOBODY, run: async (d, s) => drawAppealPanel(d, s.actor, await appeal(d, await stranger(d), await selfOrStranger(d, s))) },
  },
  "appeal.decide": {
    allowed: {
      state: "an appeal whose panel one sits on",
      who: only("council"),
      run: async (d, s) => voteOnAppeal(d, s.actor, await appeal(d, await stranger(d), await stranger(d), await selfOrStranger(d, s)), { outcome: "uphold", findings: "Matrix test" }),
    },
    restricted: {
      state: "one's own appeal, even when drawn",
      who: NOBODY,
      run: async (d, s) => {
        const me = await selfOrStranger(d, s);
        return voteOnAppeal(d, s.actor, await appeal(d, me, await stranger(d), me), { outcome: "uphold", findings: "Matrix test" });
      },
    },
  },
};
