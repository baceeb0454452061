import { describe, expect, it } from "vitest";
import { CONSENT_WORDING, addMonths, allows, currentConsent, type LedgerRow } from "./consent";

const row = (over: Partial<LedgerRow>): LedgerRow => ({ id: "x", change: "grant", level: "named", expiresAt: null, createdAt: new Date("2026-01-01T00:00:00Z"), ...over });
const now = new Date("2026-06-01T00:00:00Z");

describe("consent", () => {
  it("is the latest ledger row", () => {
    const ledger = [row({ id: "a", level: "named" }), row({ id: "b", change: "lower", level: "internal", createdAt: new Date("2026-02-01T00:00:00Z") })];
    expect(currentConsent(ledger, now)).toMatchObject({ level: "internal", expired: false, row: { id: "b" } });
  });
  it("counts as withdrawn once its time has run out, and with no ledger at all", () => {
    expect(currentConsent([row({ expiresAt: new Date("2026-05-31T23:59:59Z") })], now)).toMatchObject({ level: "withdrawn", expired: true });
    expect(currentConsent([], now).level).toBe("withdrawn");
  });
  it("orders the levels: named allows anonymous use, internal allows neither", () => {
    expect(allows("named", "anonymous")).toBe(true);
    expect(allows("anonymous", "named")).toBe(false);
    expect(allows("internal", "anonymous")).toBe(false);
    expect(allows("withdrawn", "internal")).toBe(false);
  });
  it("keeps a version with every wording", () => {
    for (const w of Object.values(CONSENT_WORDING)) expect(w.version).toBeGreaterThanOrEqual(1);
    expect(addMonths(new Date("2026-01-31T00:00:00Z"), 12).toISOString()).toBe("2027-01-31T00:00:00.000Z");
  });
});
