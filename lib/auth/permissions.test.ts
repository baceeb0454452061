import { describe, expect, it } from "vitest";
import { VISITOR, can, describeActor, type Actor, type GlobalRole } from "./permissions";

const actor = (standing: Actor["standing"], roles: GlobalRole[] = [], id = "me"): Actor => ({
  id,
  standing,
  roles: new Set(roles),
  curatorOf: new Set(),
});
const liveTheme = { id: "t", archivedAt: null, discussionPublic: false };

describe("permission rules", () => {
  it("lets a suspension override every role", () => {
    const suspendedAdmin = actor("suspended", ["admin"]);
    expect(can(suspendedAdmin, "theme.create", null)).toBe(false);
    expect(can(suspendedAdmin, "member.suspend", { id: "other", roles: new Set() })).toBe(false);
    expect(can(actor("member", ["admin"]), "theme.create", null)).toBe(true);
  });

  it("stops moderators suspending role-holders and anyone suspending themselves", () => {
    const mod = actor("member", ["moderator"]);
    expect(can(mod, "member.suspend", { id: "x", roles: new Set() })).toBe(true);
    expect(can(mod, "member.suspend", { id: "x", roles: new Set(["council"]) })).toBe(false);
    expect(can(actor("member", ["admin"]), "member.suspend", { id: "x", roles: new Set(["moderator"]) })).toBe(true);
    expect(can(actor("member", ["admin"]), "member.suspend", { id: "me", roles: new Set() })).toBe(false);
  });

  it("keeps members-only discussion from visitors and unverified accounts", () => {
    expect(can(VISITOR, "theme.viewDiscussion", liveTheme)).toBe(false);
    expect(can(actor("registered"), "theme.viewDiscussion", liveTheme)).toBe(false);
    expect(can(actor("member"), "theme.viewDiscussion", liveTheme)).toBe(true);
    expect(can(VISITOR, "theme.viewDiscussion", { ...liveTheme, discussionPublic: true })).toBe(true);
  });

  it("hides archived themes from all but admins", () => {
    const archived = { ...liveTheme, archivedAt: new Date() };
    expect(can(actor("member", ["council"]), "theme.view", archived)).toBe(false);
    expect(can(actor("member", ["admin"]), "theme.view", archived)).toBe(true);
  });

  it("lets people change only their own profile", () => {
    expect(can(actor("registered"), "profile.update", { userId: "me" })).toBe(true);
    expect(can(actor("member"), "profile.update", { userId: "someone-else" })).toBe(false);
    expect(can(actor("suspended"), "profile.update", { userId: "me" })).toBe(false);
  });

  it("describes a person's standing and roles", () => {
    expect(describeActor(VISITOR)).toBe("Visitor");
    expect(describeActor({ ...actor("member", ["council", "moderator"]), curatorOf: new Set(["a", "b"]) })).toBe(
      "Member · Council, Moderator, Curator of 2 themes",
    );
  });
});
