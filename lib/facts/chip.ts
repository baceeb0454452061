/** What a fact chip shows, and how: shared by the HTML renderer (cite.ts) and the FactChip component. No server imports. */
export interface FactChipData {
  id: string;
  statement: string;
  figure: string | null;
  hardness: number;
  status: "accepted" | "retracted";
  openDisputes: number;
}

export type FactFlag = "retracted" | "disputed" | null;
export const flagOf = (chip: Pick<FactChipData, "status" | "openDisputes">): FactFlag =>
  chip.status === "retracted" ? "retracted" : chip.openDisputes > 0 ? "disputed" : null;
export const FLAG_TEXT = { retracted: "Retracted", disputed: "Disputed" } as const;

export { escapeHtml } from "./highlight";
export const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** Class names shared by the HTML chip and the FactChip component, so both look the same. */
export const CHIP_CLASS = {
  base: "inline-flex max-w-full flex-wrap items-baseline gap-x-1.5 rounded-md border px-1.5 py-0.5 align-baseline text-sm no-underline hover:underline",
  ok: "border-slate-300 bg-slate-50 text-slate-900",
  flagged: "border-amber-600 border-dashed bg-amber-50 text-amber-950",
  retracted: "border-red-700 border-dashed bg-red-50 text-red-950",
  figure: "font-semibold",
  score: "rounded bg-white px-1 text-xs font-medium text-slate-800 no-underline",
  flag: "text-xs font-bold uppercase tracking-wide no-underline",
} as const;

export function chipClass(flag: FactFlag): string {
  return `${CHIP_CLASS.base} ${flag === "retracted" ? CHIP_CLASS.retracted : flag === "disputed" ? CHIP_CLASS.flagged : CHIP_CLASS.ok}`;
}

/** The text a screen reader hears for a chip: what it says, how hard it is, and its flag in words. */
export function chipLabel(chip: FactChipData): string {
  const flag = flagOf(chip);
  return `Fact: ${chip.statement} Hardness ${chip.hardness} out of 100.${flag ? ` ${FLAG_TEXT[flag]}.` : ""}`;
}

