import { describe, expect, it } from "vitest";
import { z } from "zod";
import { profileSchema, signUpSchema } from "./accounts";

const errors = (r: { success: boolean; error?: z.ZodError }) => (r.error ? z.flattenError(r.error).fieldErrors : {});

describe("signUpSchema", () => {
  it("normalises the e-mail and treats empty optional fields as absent", () => {
    const r = signUpSchema.safeParse({ displayName: " Ada ", email: " ADA@Example.ORG ", password: "long enough!", memberNumber: "", postcode: "" });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ displayName: "Ada", email: "ada@example.org", password: "long enough!", memberNumber: undefined, postcode: undefined });
  });

  it("says what is wrong with each field", () => {
    const r = signUpSchema.safeParse({ displayName: "A", email: "nope", password: "short", memberNumber: "!", postcode: "" });
    expect(errors(r)).toEqual({
      displayName: ["Use at least 2 characters."],
      email: ["Enter a valid e-mail address, like name@example.org."],
      password: ["Use at least 10 characters."],
      memberNumber: ["A member number has 3 to 32 letters, digits or dashes."],
    });
  });

  it("asks for the member number when only a postcode is given", () => {
    const r = signUpSchema.safeParse({ displayName: "Ada", email: "a@b.org", password: "long enough!", postcode: "SW1A 1AA" });
    expect(errors(r)).toEqual({ memberNumber: ["Give your member number with your postcode."] });
  });
});

describe("profileSchema", () => {
  it("needs a pseudonym to show one", () => {
    expect(errors(profileSchema.safeParse({ displayName: "Ada", pseudonym: "", usePseudonym: "true" }))).toEqual({
      pseudonym: ["Choose a pseudonym to be shown by it."],
    });
    expect(profileSchema.parse({ displayName: "Ada" })).toEqual({ displayName: "Ada", pseudonym: undefined, usePseudonym: false });
  });
});
