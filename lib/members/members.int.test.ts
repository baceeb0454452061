import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { createPerson, createTestTheme } from "@/lib/testing/factories";
import { grantRole, reinstateMember, revokeRole, suspendMember, updateProfile } from "./commands";
import { getOwnProfile, listMembers } from "./queries";
import { createSession, sessionUserId } from "./sessions";

const db = getDb();
afterAll(() => closeDb());

describe("member administration", () => {
  it("lists members with their standing, roles and curated themes, searchable by name", async () => {
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const theme = await createTestTheme(db);
    const person = await createPerson(db, { name: `Zebedee Listable ${Date.now()}`, roles: ["council", "moderator"], curates: [theme.id] });
    const { rows, total } = await listMembers(db, admin, { q: "zebedee listable", page: 1 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ id: person.id, standing: "member", curates: [theme.title] });
    expect([...rows[0]!.roles].sort()).toEqual(["council", "moderator"]);
    // A search for characters LIKE treats specially matches them literally.
    expect((await listMembers(db, admin, { q: "%", page: 1 })).total).toBe(0);
  });

  it("suspends with immediate sign-out, and reinstates, each audited with a reason", async () => {
    const moderator = await loadActor(db, (await createPerson(db, { roles: ["moderator"] })).id);
    const person = await createPerson(db);
    const sid = await createSession(db, person.id);
    await suspendMember(db, moderator, { userId: person.id, reason: "Spam links" });
    expect(await sessionUserId(db, sid)).toBeNull();
    expect((await loadActor(db, person.id)).standing).toBe("suspended");
    await expect(suspendMember(db, moderator, { userId: person.id, reason: "Again" })).rejects.toMatchObject({ kind: "conflict" });
    await reinstateMember(db, moderator, { userId: person.id, reason: "Appeal upheld" });
    expect((await loadActor(db, person.id)).standing).toBe("member");
  });

  it("grants and revokes roles, which take effect on the next load", async () => {
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const person = await createPerson(db);
    await grantRole(db, admin, { userId: person.id, role: "fact_editor", reason: "Appointed by council" });
    expect((await loadActor(db, person.id)).roles.has("fact_editor")).toBe(true);
    await expect(grantRole(db, admin, { userId: person.id, role: "fact_editor", reason: "Twice" })).rejects.toMatchObject({ kind: "conflict" });
    await revokeRole(db, admin, { userId: person.id, role: "fact_editor", reason: "Term ended" });
    expect((await loadActor(db, person.id)).roles.has("fact_editor")).toBe(false);
  });

  it("updates a profile with a pseudonym shown publicly", async () => {
    const person = await createPerson(db);
    const actor = await loadActor(db, person.id);
    await updateProfile(db, actor, { displayName: "Real Name", pseudonym: "Red Kite", usePseudonym: true });
    expect(await loadActor(db, person.id)).toMatchObject({ displayName: "Real Name", publicName: "Red Kite" });
    expect(await getOwnProfile(db, person.id)).toMatchObject({ pseudonym: "Red Kite", usePseudonym: true });
  });
});
