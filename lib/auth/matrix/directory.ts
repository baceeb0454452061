/** Matrix cells for the actions of ../rules/directory.ts: one entry per action (the type makes a missing one a compile error). */
import type { DirectoryResources } from "@/lib/auth/rules/directory";
import type { MatrixCells } from "./harness";

export const directoryCells: MatrixCells<DirectoryResources> = {};
