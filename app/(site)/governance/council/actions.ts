"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { announceCouncilDraw, executeDraw, previewDraw } from "@/lib/council/draws";
import { leavePool, volunteerForPool } from "@/lib/council/pool";
import { updateCouncilSettings } from "@/lib/council/settings";
import { consume } from "@/lib/security/rate-limit";
import { councilSettingsSchema, drawIdSchema, drawSchema, volunteerSchema } from "@/lib/validation/council";
import { z } from "zod";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export const volunteerAction = formAction(volunteerSchema, async (input, { db, actor }) => {
  await consume(["write", actor.id]);
  await volunteerForPool(db, actor, input);
  revalidatePath("/governance/council");
  return { ok: true, message: "You are in the pool for the next council draw." };
});

export const leavePoolAction = formAction(z.object({}), async (_input, { db, actor }) => {
  await leavePool(db, actor);
  revalidatePath("/governance/council");
  return { ok: true, message: "You have left the pool." };
});

export const drawAction = formAction(drawSchema, async (input, { db, actor }) => {
  const preview = await previewDraw(db, actor, { seats: input.seats, quotas: input.quotas });
  if (!preview.ok) {
    return { ok: false, message: `These quotas cannot be met, so nothing was committed. ${preview.problems.join(" ")}` };
  }
  if (input.intent === "check") {
    const unseatable = preview.unseatable.length ? ` Nobody with ${preview.unseatable.join("; ")} can be seated under these quotas.` : "";
    return {
      ok: true,
      message: `These quotas can be met from ${preview.poolSize} volunteers. The least likely volunteer has a ${percent(preview.minProbability)} chance; with no quotas everyone would have ${percent(preview.equalShare)}.${unseatable}`,
      data: { values: input.typed },
    };
  }
  const { id } = await announceCouncilDraw(db, actor, input);
  revalidatePath("/governance/council");
  redirect(`/governance/council/draws/${id}?announced=1`);
});

export const runDrawAction = formAction(drawIdSchema, async ({ drawId }, { db, actor }) => {
  await executeDraw(db, actor, drawId);
  revalidatePath("/governance/council", "layout");
  redirect(`/governance/council/draws/${drawId}?drawn=1`);
});

export const councilSettingsAction = formAction(councilSettingsSchema, async (input, { db, actor }) => {
  await updateCouncilSettings(db, actor, input);
  revalidatePath("/governance", "layout");
  return { ok: true, message: "Settings saved. The change is in the public log." };
});
