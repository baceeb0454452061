"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { importRoll } from "@/lib/membership/commands";
import { MAX_ROLL_BYTES } from "@/lib/membership/roll-csv";

const rollUploadSchema = z.object({
  roll: z
    .instanceof(File, { message: "Choose a CSV file to import." })
    .refine((f) => f.size > 0, "Choose a CSV file to import; this one is empty.")
    .refine((f) => f.size <= MAX_ROLL_BYTES, "The file is larger than 20 MB; split it into parts."),
});

export const importRollAction = formAction(rollUploadSchema, async ({ roll }, { db, actor }) => {
  const report = await importRoll(db, actor, { filename: roll.name, text: await roll.text() });
  revalidatePath("/moderation-log");
  if (!report.ok) return { ok: false, fieldErrors: { roll: [report.error!] } };
  return { ok: true, data: report, message: `Imported ${report.accepted} of ${report.totalRows} rows.` };
});
