import { parse } from "csv-parse/sync";
import { z } from "zod";
import { normaliseEmail, normaliseMemberNumber, normalisePostcode } from "./keyed-hash";

export interface RollRow {
  line: number;
  memberNumber: string;
  postcode: string | null;
  email: string | null;
}
export interface RejectedRow {
  line: number;
  reason: string;
}

const HEADER_ALIASES: Record<string, "memberNumber" | "postcode" | "email"> = {
  member_number: "memberNumber",
  membernumber: "memberNumber",
  "member number": "memberNumber",
  number: "memberNumber",
  postcode: "postcode",
  "post code": "postcode",
  zip: "postcode",
  email: "email",
  "e-mail": "email",
};

const numberSchema = z.string().regex(/^[A-Z0-9]{3,32}$/);
// UK-style and most European postcodes: 3 to 10 letters and digits once spaces are gone.
const postcodeSchema = z.string().regex(/^[A-Z0-9]{3,10}$/);
const emailSchema = z.email();

export const MAX_ROLL_BYTES = 20 * 1024 * 1024;

/**
 * Parses a membership roll. It needs a header row with a member number column and a postcode
 * and/or e-mail column. Each bad row is reported with its line and why; good rows go on.
 */
export function parseRollCsv(text: string): { rows: RollRow[]; rejected: RejectedRow[]; error?: string } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true, trim: true });
  } catch (e) {
    return { rows: [], rejected: [], error: `The file is not valid CSV: ${(e as Error).message}` };
  }
  const header = records[0];
  if (!header) return { rows: [], rejected: [], error: "The file is empty." };
  const columns = header.map((h) => HEADER_ALIASES[h.toLowerCase()]);
  const idx = (name: "memberNumber" | "postcode" | "email") => columns.indexOf(name);
  if (idx("memberNumber") < 0) {
    return { rows: [], rejected: [], error: 'The first row must name the columns, with one called "member_number".' };
  }
  if (idx("postcode") < 0 && idx("email") < 0) {
    return { rows: [], rejected: [], error: 'The file needs a "postcode" column, an "email" column, or both.' };
  }

  const rows: RollRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const cell = (name: "memberNumber" | "postcode" | "email") => (idx(name) >= 0 ? (record[idx(name)] ?? "").trim() : "");
    const number = normaliseMemberNumber(cell("memberNumber"));
    const postcode = cell("postcode") ? normalisePostcode(cell("postcode")) : null;
    const email = cell("email") ? normaliseEmail(cell("email")) : null;
    if (!number) return rejected.push({ line, reason: "missing member number" });
    if (!numberSchema.safeParse(number).success) return rejected.push({ line, reason: "member number is not 3 to 32 letters or digits" });
    if (!postcode && !email) return rejected.push({ line, reason: "needs a postcode or an e-mail" });
    if (postcode && !postcodeSchema.safeParse(postcode).success) return rejected.push({ line, reason: "postcode is not valid" });
    if (email && !emailSchema.safeParse(email).success) return rejected.push({ line, reason: "e-mail is not valid" });
    const earlier = seen.get(number);
    if (earlier) return rejected.push({ line, reason: `member number repeats line ${earlier}` });
    seen.set(number, line);
    rows.push({ line, memberNumber: number, postcode, email });
  });
  return { rows, rejected };
}
