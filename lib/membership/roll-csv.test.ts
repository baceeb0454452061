import { describe, expect, it } from "vitest";
import { parseRollCsv } from "./roll-csv";

describe("parseRollCsv", () => {
  it("accepts good rows and reports each bad one with its line and reason", () => {
    const csv = [
      "member_number,postcode,email",
      "M100,SW1A 1AA,",
      ",SW1A 1AA,",
      "M101,,",
      "M102,!!,",
      "M103,,not-an-email",
      "M100,B33 8TH,",
      "m-104,b33 8th,Someone@Example.org",
    ].join("\n");
    const { rows, rejected, error } = parseRollCsv(csv);
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.memberNumber)).toEqual(["M100", "M104"]);
    expect(rows[1]).toMatchObject({ postcode: "B338TH", email: "someone@example.org", line: 8 });
    expect(rejected).toEqual([
      { line: 3, reason: "missing member number" },
      { line: 4, reason: "needs a postcode or an e-mail" },
      { line: 5, reason: "postcode is not valid" },
      { line: 6, reason: "e-mail is not valid" },
      { line: 7, reason: "member number repeats line 2" },
    ]);
  });

  it("refuses a file without the columns it needs", () => {
    expect(parseRollCsv("name,postcode\nAda,SW1A 1AA").error).toMatch(/member_number/);
    expect(parseRollCsv("member_number,name\nM1,Ada").error).toMatch(/postcode/);
    expect(parseRollCsv("").error).toMatch(/empty/);
  });

  it("reads header aliases and a byte-order mark", () => {
    const { rows } = parseRollCsv("\uFEFFMember Number,E-mail\nX999,a@b.org\n");
    expect(rows).toEqual([{ line: 2, memberNumber: "X999", postcode: null, email: "a@b.org" }]);
  });

  it("reports malformed CSV instead of throwing", () => {
    expect(parseRollCsv('member_number,postcode\n"M1,SW1A').error).toMatch(/not valid CSV/);
  });
});
