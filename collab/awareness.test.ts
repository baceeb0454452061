import { describe, expect, it } from "vitest";
import { decodeAwarenessEntries, encodeAwarenessEntries, ownAwareness } from "./awareness";

const frame = (...entries: [number, number, unknown][]) => encodeAwarenessEntries(entries.map(([clientId, clock, state]) => ({ clientId, clock, state: JSON.stringify(state) })));
const sender = () => ({ awarenessId: null as number | null, userId: "u1", name: "Real Name" });

describe("ownAwareness", () => {
  it("claims the first present client id and rewrites the name", () => {
    const s = sender();
    const out = ownAwareness(frame([7, 1, { user: { name: "Fake", color: "#000" } }]), s, () => false);
    expect(s.awarenessId).toBe(7);
    expect(decodeAwarenessEntries(out!).map((e) => JSON.parse(e.state))).toEqual([{ user: { name: "Real Name", color: "#000", id: "u1" } }]);
  });

  it("drops entries for other clients once claimed", () => {
    const s = { ...sender(), awarenessId: 7 };
    const out = ownAwareness(frame([8, 3, { user: {} }], [7, 2, { user: {} }], [9, 1, null]), s, () => false);
    expect(decodeAwarenessEntries(out!).map((e) => e.clientId)).toEqual([7]);
    expect(ownAwareness(frame([8, 4, { user: {} }]), s, () => false)).toBeNull();
  });

  it("does not claim an id another connection holds, nor a removal", () => {
    const s = sender();
    expect(ownAwareness(frame([5, 1, { user: {} }]), s, (id) => id === 5)).toBeNull();
    expect(ownAwareness(frame([6, 1, null]), s, () => false)).toBeNull();
    expect(s.awarenessId).toBeNull();
  });

  it("passes the client's own removal through", () => {
    const s = { ...sender(), awarenessId: 7 };
    expect(decodeAwarenessEntries(ownAwareness(frame([7, 5, null]), s, () => false)!)[0]!.state).toBe("null");
  });

  it("throws on a malformed update", () => {
    expect(() => ownAwareness(new Uint8Array([5, 1]), sender(), () => false)).toThrow();
  });
});
