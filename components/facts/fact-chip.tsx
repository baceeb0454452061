import Link from "next/link";
import { CHIP_CLASS, chipClass, chipLabel, flagOf, FLAG_TEXT, type FactChipData } from "@/lib/facts/chip";

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * A cited fact, inline: its figure or statement, its hardness, and — in words, not colour alone —
 * whether it is disputed or retracted. Server-rendered; the HTML twin is factChipHtml in cite.ts.
 */
export function FactChip({ chip }: { chip: FactChipData }) {
  const flag = flagOf(chip);
  return (
    <Link href={`/facts/${chip.id}`} className={chipClass(flag)} data-fact-chip={chip.id} data-flag={flag ?? undefined} aria-label={chipLabel(chip)}>
      {chip.figure ? <span className={CHIP_CLASS.figure}>{chip.figure}</span> : null}
      <span>{truncate(chip.statement, chip.figure ? 70 : 110)}</span>
      <span className={CHIP_CLASS.score}>Hardness {chip.hardness}</span>
      {flag ? (
        <strong className={CHIP_CLASS.flag}>
          <span aria-hidden="true">⚠ </span>
          {FLAG_TEXT[flag]}
        </strong>
      ) : null}
    </Link>
  );
}
