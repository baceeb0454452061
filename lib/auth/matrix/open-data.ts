/** Matrix cells for the actions of ../rules/open-data.ts: one entry per action (the type makes a missing one a compile error). */
import type { OpenDataResources } from "@/lib/auth/rules/open-data";
import type { MatrixCells } from "./harness";

export const openDataCells: MatrixCells<OpenDataResources> = {};
