/** Matrix cells for the actions of ../rules/governance.ts: one entry per action (the type makes a missing one a compile error). */
import type { GovernanceResources } from "@/lib/auth/rules/governance";
import type { MatrixCells } from "./harness";

export const governanceCells: MatrixCells<GovernanceResources> = {};
