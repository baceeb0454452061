/**
 * Consent to use a story: the levels, the exact words a storyteller is shown for each (versioned:
 * a change of wording is a new version, and each ledger row keeps the words it was given under),
 * and what each use needs. Pure, so the forms, the commands and the press pack agree.
 */
import type { ConsentLevel } from "@/db/schema";

/** Least to most; the same order as the PostgreSQL enum. */
export const CONSENT_ORDER = ["withdrawn", "internal", "anonymous", "named"] as const satisfies readonly ConsentLevel[];
export type GrantableLevel = Exclude<ConsentLevel, "withdrawn">;
export const GRANTABLE_LEVELS: GrantableLevel[] = ["internal", "anonymous", "named"];
export const consentRank = (l: ConsentLevel) => CONSENT_ORDER.indexOf(l);

export const CONSENT_LABELS: Record<ConsentLevel, string> = {
  withdrawn: "Withdrawn: not to be used",
  internal: "Internal only",
  anonymous: "Anonymous quotation",
  named: "Named, may be given to the press",
};

export interface Wording {
  version: number;
  text: string;
}

/** The words shown beside each choice. Change a text only together with its version number. */
export const CONSENT_WORDING: Record<GrantableLevel, Wording> = {
  internal: {
    version: 1,
    text: "Curators of this theme may read my story to inform the organisation's work. It will not be quoted, published or given to anyone outside the organisation.",
  },
  anonymous: {
    version: 1,
    text: "My story may be quoted without my name, place or other details that identify me, in the site's public papers and responses and in press packs. I approve the redacted text before it is used.",
  },
  named: {
    version: 1,
    text: "My story may be quoted with my name (as shown on this site) and its place, in the site's public papers and responses, and given to journalists in press packs. I approve the redacted text before it is used.",
  },
};
export const WITHDRAWAL_WORDING: Wording = { version: 1, text: "I withdraw my consent: my story is not to be used any more, and uses already made are to be taken down." };

export const EXPIRY_CHOICES = [
  { months: 6, label: "6 months" },
  { months: 12, label: "1 year" },
  { months: 24, label: "2 years" },
] as const;
export const DEFAULT_EXPIRY_MONTHS = 12;

export const addMonths = (from: Date, months: number) => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

export interface LedgerRow {
  id: string;
  change: "grant" | "lower" | "withdraw" | "expire";
  level: ConsentLevel;
  expiresAt: Date | null;
  createdAt: Date;
}

/** The consent in force: the latest ledger row, unless its time has run out. */
export function currentConsent(ledger: readonly LedgerRow[], now: Date): { level: ConsentLevel; row: LedgerRow | null; expired: boolean } {
  const latest = [...ledger].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!latest) return { level: "withdrawn", row: null, expired: false };
  if (latest.expiresAt && latest.expiresAt.getTime() <= now.getTime()) return { level: "withdrawn", row: latest, expired: true };
  return { level: latest.level, row: latest, expired: false };
}

/** What each kind of use needs: anything seen outside the membership needs at least anonymous quotation. */
export const LEVEL_FOR = { anonymous: "anonymous", named: "named" } as const;
export const allows = (current: ConsentLevel, needed: ConsentLevel) => consentRank(current) >= consentRank(needed);
