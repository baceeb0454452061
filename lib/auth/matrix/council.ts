/** Matrix cells for the actions of ../rules/council.ts: one entry per action (the type makes a missing one a compile error). */
import type { CouncilResources } from "@/lib/auth/rules/council";
import type { MatrixCells } from "./harness";

export const councilCells: MatrixCells<CouncilResources> = {};
