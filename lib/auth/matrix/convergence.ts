/** Matrix cells for the actions of ../rules/convergence.ts: one entry per action (the type makes a missing one a compile error). */
import type { ConvergenceResources } from "@/lib/auth/rules/convergence";
import type { MatrixCells } from "./harness";

export const convergenceCells: MatrixCells<ConvergenceResources> = {};
