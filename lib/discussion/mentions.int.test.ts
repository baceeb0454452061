import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { comments, notifications, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { getPaperDiscussionFeed } from "@/lib/feeds/queries";
import { loadPaperResource } from "@/lib/papers/resource";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { editComment, postComment } from "./commands";
import { mentionCandidates, mentionRef } from "./mentions";
import { getThread } from "./queries";

const db = getDb();
afterAll(() => closeDb());

const person = async (spec: Parameters<typeof createPerson>[1] = {}) => {
  const p = await createPerson(db, spec);
  return { ...p, actor: await loadActor(db, p.id) };
};
const notificationsOf = (userId: string, kind: "mention" | "paper_comment") => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe("mentions", () => {
  it("offers the people of the discussion by public name only, never the writer", async () => {
    const paper = await createTestPaper(db);
    const [writer, heron, plain] = await Promise.all([person(), person({ name: "Realname Hidden", pseudonym: "Quiet Heron" }), person({ name: "Quentin Plain" })]);
    for (const p of [heron, plain, writer]) await createTestComment(db, { paperId: paper.id, authorId: p.id });
    const resource = await loadPaperResource(db, paper.id);
    const names = async (q: string) => (await mentionCandidates(db, writer.actor, resource, q)).map((c) => c.name);
    expect(await names("q")).toEqual(["Quentin Plain", "Quiet Heron"]);
    expect(await names("her")).toEqual(["Quiet Heron"]); // a word of the name
    expect(await names("Realname")).toEqual([]); // the real name finds nobody
    expect((await names("")).includes(writer.displayName)).toBe(false);
  });

  it("stores a picked mention by member id, shows the public name, and notifies the member once", async () => {
    const paper = await createTestPaper(db, { title: "Tide mills" });
    const [writer, heron] = await Promise.all([person(), person({ name: "Realname Tide", pseudonym: "Grey Heron" })]);
    await db.execute(`insert into follows (user_id, target_type, target_id) values ('${heron.id}', 'paper', '${paper.id}')`);
    const { id } = await postComment(db, writer.actor, { paperId: paper.id, parentId: null, body: "Over to @Grey Heron for the costs.", quote: null, mentions: [heron.id] });
    const [row] = await db.select({ body: comments.body, html: comments.bodyHtml }).from(comments).where(eq(comments.id, id));
    expect(row!.body).toBe(`Over to ${mentionRef(heron.id)} for the costs.`);
    expect(row!.body).not.toContain("Heron");
    const thread = await getThread(db, writer.actor, paper.id);
    const shown = thread.roots.find((c) => c.id === id)!.bodyHtml!;
    expect(shown).toContain('<span class="mention">@Grey Heron</span>');
    expect(shown).not.toContain("Realname");
    const told = await notificationsOf(heron.id, "mention");
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toBe(`${writer.displayName} mentioned you on “Tide mills”`);
    expect(told[0]!.url).toBe(`/papers/${paper.id}/c/${id}`);
    // A follower who is mentioned hears of it as a mention only.
    expect(await notificationsOf(heron.id, "paper_comment")).toEqual([]);

    // The member takes another pseudonym: the comment shows it, because the mention is by id.
    await db.update(users).set({ pseudonym: "Night Heron" }).where(eq(users.id, heron.id));
    const again = await getThread(db, writer.actor, paper.id);
    expect(again.roots.find((c) => c.id === id)!.bodyHtml).toContain("@Night Heron");
    // The paper's comment feed draws it the same way.
    const feed = await getPaperDiscussionFeed(db, writer.actor, paper.id);
    expect(feed.comments.find((c) => c.id === id)!.html).toContain("@Night Heron");
  });

  it("cannot mention someone who cannot read the discussion; nothing is stored or sent", async () => {
    const theme = await createTestTheme(db, { discussionPublic: false });
    const paper = await createTestPaper(db, { themeId: theme.id });
    const [writer, unverified] = await Promise.all([person(), person({ standing: "registered", name: "Newcomer Unverified" })]);
    const resource = await loadPaperResource(db, paper.id);
    await createTestComment(db, { paperId: paper.id, authorId: unverified.id });
    // Not offered by the picker…
    expect((await mentionCandidates(db, writer.actor, resource, "Newcomer")).map((c) => c.id)).toEqual([]);
    // …and refused when sent anyway, picked or typed as a reference.
    await expect(postComment(db, writer.actor, { paperId: paper.id, parentId: null, body: "Hello @Newcomer Unverified", quote: null, mentions: [unverified.id] })).rejects.toMatchObject({ code: "invalid:mentions" });
    await expect(postComment(db, writer.actor, { paperId: paper.id, parentId: null, body: `Hello ${mentionRef(unverified.id)}`, quote: null })).rejects.toMatchObject({ code: "invalid:mentions" });
    expect((await db.select().from(comments).where(and(eq(comments.paperId, paper.id), eq(comments.authorId, writer.id))))).toEqual([]);
    expect(await notificationsOf(unverified.id, "mention")).toEqual([]);
  });

  it("a pick whose text was deleted again mentions nobody; an edit that adds a mention tells only the new one", async () => {
    const paper = await createTestPaper(db);
    const [writer, a, b] = await Promise.all([person(), person({ name: "Alda First" }), person({ name: "Bram Second" })]);
    const { id } = await postComment(db, writer.actor, { paperId: paper.id, parentId: null, body: "Just a thought.", quote: null, mentions: [a.id] });
    expect(await notificationsOf(a.id, "mention")).toEqual([]);
    await editComment(db, writer.actor, { commentId: id, body: `Thanks ${mentionRef(a.id)}` });
    await editComment(db, writer.actor, { commentId: id, body: `Thanks ${mentionRef(a.id)} and ${mentionRef(b.id)}` });
    expect(await notificationsOf(a.id, "mention")).toHaveLength(1);
    expect(await notificationsOf(b.id, "mention")).toHaveLength(1);
  });
});
