import { describe, expect, it } from "vitest";
import { drawSchema } from "./council";

describe("the draw form's schema", () => {
  it("parses quotas with the seats as the default maximum and gives back what was typed", () => {
    const parsed = drawSchema.parse({ title: " Council 2027 ", seats: "5", drawNotBefore: "2027-01-15T18:00", intent: "check", "quota:region:Wales:min": "1", "quota:region:North:max": "", "quota:gender:Woman:max": "3" });
    expect(parsed.quotas).toEqual([
      { category: "region", value: "Wales", min: 1, max: 5 },
      { category: "gender", value: "Woman", min: 0, max: 3 },
    ]);
    expect(parsed.drawNotBefore.toISOString()).toBe("2027-01-15T18:00:00.000Z");
    // A successful check hands these back to the form, which React resets after the action.
    expect(parsed.typed).toEqual({ title: "Council 2027", seats: "5", drawNotBefore: "2027-01-15T18:00", "quota:region:Wales:min": "1", "quota:region:North:max": "", "quota:gender:Woman:max": "3" });
  });

  it("refuses a minimum above the maximum beside its field", () => {
    const out = drawSchema.safeParse({ title: "Council", seats: "5", drawNotBefore: "2027-01-15T18:00", "quota:region:Wales:min": "4", "quota:region:Wales:max": "2" });
    expect(out.success).toBe(false);
    expect(out.error!.issues[0]).toMatchObject({ path: ["quota:region:Wales:min"], message: "The minimum is larger than the maximum." });
  });
});
