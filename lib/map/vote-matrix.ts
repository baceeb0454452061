import type { MapVote } from "./types";

/**
 * The vote matrix in coordinate form: participant × statement, with only the cast votes stored.
 * A conversation of 5,000 people and 1,000 statements has 5,000,000 cells but a few hundred
 * thousand votes, so every later stage walks the votes, not the cells.
 */
export interface VoteMatrix {
  participants: string[];
  statements: string[];
  /** Parallel arrays, one entry per vote: row (participant), column (statement), value. */
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  /** Votes cast per participant (row) and per statement (column), passes included. */
  rowCounts: Int32Array;
  colCounts: Int32Array;
  /** Agree votes per participant: used to flag those who agree with everything. */
  rowAgrees: Int32Array;
}

/** Later votes by the same participant on the same statement replace earlier ones. */
export function buildVoteMatrix(votes: readonly MapVote[], statementOrder?: readonly string[]): VoteMatrix {
  const pIndex = new Map<string, number>();
  const sIndex = new Map<string, number>();
  const participants: string[] = [];
  const statements: string[] = [];
  for (const s of statementOrder ?? []) {
    if (!sIndex.has(s)) {
      sIndex.set(s, statements.length);
      statements.push(s);
    }
  }
  // One small map per participant (column → entry) finds a repeated vote without big-number keys.
  const cells: Map<number, number>[] = [];
  const rowsL: number[] = [];
  const colsL: number[] = [];
  const valsL: number[] = [];
  for (const v of votes) {
    let r = pIndex.get(v.participant);
    if (r === undefined) {
      r = participants.length;
      pIndex.set(v.participant, r);
      participants.push(v.participant);
      cells.push(new Map());
    }
    let c = sIndex.get(v.statement);
    if (c === undefined) {
      if (statementOrder) continue; // a vote on a statement outside the set (hidden): not counted
      c = statements.length;
      sIndex.set(v.statement, c);
      statements.push(v.statement);
    }
    const at = cells[r]!.get(c);
    if (at === undefined) {
      cells[r]!.set(c, rowsL.length);
      rowsL.push(r);
      colsL.push(c);
      valsL.push(v.value);
    } else {
      valsL[at] = v.value;
    }
  }
  const rows = Int32Array.from(rowsL);
  const cols = Int32Array.from(colsL);
  const values = Float64Array.from(valsL);
  const rowCounts = new Int32Array(participants.length);
  const colCounts = new Int32Array(statements.length);
  const rowAgrees = new Int32Array(participants.length);
  for (let e = 0; e < rows.length; e++) {
    rowCounts[rows[e]!]!++;
    colCounts[cols[e]!]!++;
    if (values[e] === 1) rowAgrees[rows[e]!]!++;
  }
  return { participants, statements, rows, cols, values, rowCounts, colCounts, rowAgrees };
}
