import { randomBytes } from "node:crypto";
import { anecdoteAttestations, anecdoteConsents, anecdoteUses, anecdotes, directoryProfiles, helpInvitations, helpRequests, messageThreads, messages, pressPackItems, pressPacks, skills, type ConsentLevel, type Visibility } from "@/db/schema";
import { CONSENT_WORDING, WITHDRAWAL_WORDING, addMonths } from "@/lib/anecdotes/consent";
import { DEFAULT_SKILLS } from "@/lib/directory/reference";
import { deadlineMoment } from "@/lib/help/commands";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import type { DemoContext } from "./context";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

type Fields = "name" | "skills" | "tags" | "interests" | "hours" | "region" | "languages" | "contact" | "bio";
const all = (v: Visibility, except: Partial<Record<Fields, Visibility>> = {}) => {
  const level = (f: Fields) => except[f] ?? v;
  return {
    nameVisibility: level("name"),
    skillsVisibility: level("skills"),
    tagsVisibility: level("tags"),
    interestsVisibility: level("interests"),
    hoursVisibility: level("hours"),
    regionVisibility: level("region"),
    languagesVisibility: level("languages"),
    contactVisibility: level("contact"),
    bioVisibility: level("bio"),
  };
};

/**
 * The skills list, profiles with mixed visibility (public, members only, council and curators,
 * one who left, one who never chose and so shows nothing), two open help requests and a closed
 * one that opened a conversation, and stories at every consent level with their ledgers, uses and
 * a press pack.
 */
export async function seedDirectory(ctx: DemoContext): Promise<void> {
  const { tx } = ctx;
  const id = (who: string) => ctx.userId(`${who}@commonplace.test`);
  await tx.insert(skills).values(DEFAULT_SKILLS.map((s, position) => ({ ...s, position }))).onConflictDoNothing();

  const education = ctx.themeId("education");
  const health = ctx.themeId("health");
  const climate = ctx.themeId("climate-energy");
  const profile = (who: string, values: Omit<typeof directoryProfiles.$inferInsert, "userId">) => ({ userId: id(who), ...values, tagsText: (values.tags ?? []).join(" ") });
  await tx.insert(directoryProfiles).values([
    profile("member1", {
      ...all("members", { contact: "members", bio: "public" }),
      skills: ["writing", "research", "media-relations"],
      tags: ["school governor"],
      interests: [education, health],
      hoursPerMonth: 8,
      region: "Wales",
      languages: ["English", "Welsh"],
      contactPreference: "Message me here; phone calls on weekday evenings.",
      bio: "Former teacher, now writing about school funding.",
    }),
    profile("member2", {
      ...all("public", { region: "only_me", contact: "members" }),
      skills: ["design", "photography", "social-media"],
      tags: ["video editing"],
      interests: [climate],
      hoursPerMonth: 12,
      region: "North West",
      languages: ["English", "Polish"],
      contactPreference: "Messages on the site are best; I answer within a day.",
      bio: "Designer; happy to make leaflets and social cards.",
    }),
    profile("curator1", {
      ...all("council_curators", { name: "members", skills: "members" }),
      skills: ["teaching", "event-organising", "public-speaking"],
      interests: [education, health],
      hoursPerMonth: 4,
      region: "London",
      languages: ["English"],
      contactPreference: "Through the site, please.",
    }),
    profile("curator2", {
      ...all("members"),
      skills: ["data-analysis", "research", "web-development"],
      tags: ["survey design"],
      interests: [climate],
      hoursPerMonth: 6,
      region: "Scotland",
      languages: ["English", "Scottish Gaelic"],
      contactPreference: "Weekends only.",
    }),
    profile("council1", { ...all("only_me", { name: "members", skills: "members" }), skills: ["law", "accounting"], hoursPerMonth: 2, region: "Yorkshire and the Humber" }),
    profile("moderator1", { ...all("members"), skills: ["translation", "writing"], languages: ["English", "Arabic", "French"], hoursPerMonth: 5, region: "West Midlands", contactPreference: "After 7pm." }),
    // Left the directory: kept, unlisted, found by nobody.
    profile("moderator2", { ...all("members"), listed: false, skills: ["canvassing"], region: "South East", hoursPerMonth: 10 }),
    // Never chose: every field "only me", so nobody else sees anything.
    profile("facts", { ...all("only_me"), skills: ["research", "data-analysis"], region: "London", hoursPerMonth: 3 }),
  ]);

  // Two open help requests, and a closed one whose yes opened a conversation.
  const open = await tx
    .insert(helpRequests)
    .values([
      {
        requesterId: id("member1"),
        themeId: education,
        title: "Design a leaflet for the schools funding campaign",
        description: "An A5 leaflet for the spring campaign on school funding: the three figures from the paper, a map of cuts by region and a call to the public meeting.",
        skills: ["design", "writing"],
        hoursNeeded: 6,
        region: "Wales",
        remote: false,
        deadline: day(21),
      },
      {
        requesterId: id("curator2"),
        themeId: climate,
        title: "Analyse the members' energy bills survey",
        description: "About 1,200 answers on heating costs and insulation. We need the main tables and two or three charts for the climate paper's response.",
        skills: ["data-analysis", "research"],
        hoursNeeded: 10,
        region: null,
        remote: true,
        deadline: day(30),
      },
    ])
    .returning({ id: helpRequests.id, deadline: helpRequests.deadline });
  for (const r of open) await scheduleDeadline(tx, "help.close", r.id, new Date(deadlineMoment(r.deadline).getTime() + 1000));
  await tx.insert(helpInvitations).values({ requestId: open[1]!.id, inviteeId: id("member1"), invitedBy: id("curator2"), note: "Your research background would help a lot." });
  const [closed] = await tx
    .insert(helpRequests)
    .values({
      requesterId: id("member1"),
      themeId: health,
      title: "Photographs for the waiting-list stall",
      description: "Photographs of the town-centre stall on waiting lists, for the branch newsletter and the health paper.",
      skills: ["photography"],
      hoursNeeded: 3,
      region: "North West",
      deadline: day(-5),
      status: "closed",
      outcome: "met",
      outcomeNote: "Red Kite took the photographs; twelve are in the newsletter.",
      closedAt: new Date(Date.now() - 6 * DAY),
      createdAt: new Date(Date.now() - 20 * DAY),
    })
    .returning({ id: helpRequests.id });
  await tx.insert(helpInvitations).values({ requestId: closed!.id, inviteeId: id("member2"), invitedBy: id("member1"), status: "yes", hoursCommitted: 3, answeredAt: new Date(Date.now() - 18 * DAY), createdAt: new Date(Date.now() - 19 * DAY) });
  const [a, b] = [id("member1"), id("member2")].sort();
  const [thread] = await tx.insert(messageThreads).values({ memberA: a!, memberB: b!, lastMessageAt: new Date(Date.now() - 17 * DAY) }).returning({ id: messageThreads.id });
  await tx.insert(messages).values([
    { threadId: thread!.id, senderId: null, helpRequestId: closed!.id, body: "Red Kite said yes to “Photographs for the waiting-list stall”. How to reach Red Kite: Messages on the site are best; I answer within a day.", createdAt: new Date(Date.now() - 18 * DAY) },
    { threadId: thread!.id, senderId: id("member1"), body: "Thank you! The stall is on Saturday from 10, outside the library.", createdAt: new Date(Date.now() - 17.5 * DAY) },
    { threadId: thread!.id, senderId: id("member2"), body: "Great, I will be there at 10.", createdAt: new Date(Date.now() - 17 * DAY) },
  ]);

  // Stories at every consent level, told by member1 in the themes curator1 curates.
  const story = async (s: { title: string; body: string; redacted?: string; place: string; themeId: string; level: ConsentLevel; status?: "submitted" | "accepted"; attestedBy?: string }) => {
    const accepted = (s.status ?? "accepted") === "accepted";
    const [row] = await tx
      .insert(anecdotes)
      .values({
        authorId: id("member1"),
        themeId: s.themeId,
        title: s.title,
        body: s.body,
        occurredOn: day(-120),
        place: s.place,
        role: "subject",
        status: s.status ?? "accepted",
        reviewedBy: accepted ? id("curator1") : null,
        reviewedAt: accepted ? new Date(Date.now() - 30 * DAY) : null,
        redactedBody: s.redacted ?? null,
        redactionStatus: s.redacted ? "approved" : "none",
        redactedBy: s.redacted ? id("curator1") : null,
        redactionDecidedAt: s.redacted ? new Date(Date.now() - 25 * DAY) : null,
        attestToken: randomBytes(18).toString("base64url"),
        createdAt: new Date(Date.now() - 40 * DAY),
      })
      .returning({ id: anecdotes.id });
    const granted = new Date(Date.now() - 40 * DAY);
    const grantLevel = s.level === "withdrawn" ? "anonymous" : s.level;
    const [consent] = await tx
      .insert(anecdoteConsents)
      .values({ anecdoteId: row!.id, memberId: id("member1"), change: "grant", level: grantLevel, wordingVersion: CONSENT_WORDING[grantLevel].version, wording: CONSENT_WORDING[grantLevel].text, expiresAt: addMonths(granted, 12), createdAt: granted })
      .returning({ id: anecdoteConsents.id });
    await scheduleDeadline(tx, "story.consentExpiry", row!.id, addMonths(granted, 12));
    if (s.level === "withdrawn") {
      await tx.insert(anecdoteConsents).values({ anecdoteId: row!.id, memberId: id("member1"), change: "withdraw", level: "withdrawn", wordingVersion: WITHDRAWAL_WORDING.version, wording: WITHDRAWAL_WORDING.text, createdAt: new Date(Date.now() - 2 * DAY) });
    }
    if (s.attestedBy) await tx.insert(anecdoteAttestations).values({ anecdoteId: row!.id, attesterId: id(s.attestedBy), relation: "I was there with her that day." });
    return { id: row!.id, consentId: consent!.id };
  };
  const internal = await story({ title: "Twelve-hour shifts on the children's ward", place: "Cardiff", themeId: health, level: "internal", body: "I worked three twelve-hour shifts in a row on the children's ward because two posts had been empty since the summer. By the third night I was checking every dose twice because I no longer trusted myself." });
  const anonymous = await story({
    title: "The supply teacher who stayed a year",
    place: "Swansea",
    themeId: education,
    level: "anonymous",
    attestedBy: "member2",
    body: "My daughter's class at Ysgol Glan Môr had a supply teacher, Mr Evans, for the whole of Year 5 because the school could not afford a permanent post. He was kind but had no planning time, and half the class fell behind in maths.",
    redacted: "My daughter's class had a supply teacher for the whole of Year 5 because the school could not afford a permanent post. He was kind but had no planning time, and half the class fell behind in maths.",
  });
  const named = await story({
    title: "Waiting fourteen months for a hip operation",
    place: "Newport",
    themeId: health,
    level: "named",
    body: "My mother waited fourteen months for a hip operation at the Royal Gwent. By the time she was seen she could not climb the stairs, and we moved her bed into the front room.",
    redacted: "My mother waited fourteen months for a hip operation. By the time she was seen she could not climb the stairs, and we moved her bed into the front room.",
  });
  const withdrawn = await story({
    title: "The school trip that was cancelled",
    place: "Bridgend",
    themeId: education,
    level: "withdrawn",
    body: "The Year 6 residential trip was cancelled because the school could no longer subsidise it, and only the children whose parents could pay the full price went on a smaller trip.",
    redacted: "The Year 6 residential trip was cancelled because the school could no longer subsidise it, and only the children whose parents could pay the full price went on a smaller trip.",
  });
  await story({ title: "Evening classes that closed", place: "Llanelli", themeId: education, level: "anonymous", status: "submitted", body: "The adult education centre closed its evening classes in English and IT. Twenty of us who were learning to use computers for job applications had nowhere else to go." });

  // Two press packs: Health with the named story; Education with the anonymous one and the story whose
  // consent was since withdrawn (left out of the pack, and waiting on curator1's take-down list).
  const pack = async (themeId: string, title: string, items: { story: { id: string; consentId: string }; level: "anonymous" | "named"; takedown?: boolean }[]) => {
    const [row] = await tx.insert(pressPacks).values({ themeId, title, createdBy: id("curator1") }).returning({ id: pressPacks.id });
    await tx.insert(pressPackItems).values(items.map((i, position) => ({ packId: row!.id, anecdoteId: i.story.id, position })));
    await tx.insert(anecdoteUses).values(
      items.map((i) => ({ anecdoteId: i.story.id, consentId: i.story.consentId, kind: "press_pack" as const, targetId: row!.id, targetLabel: `Press pack “${title}”`, targetUrl: `/stories/press/${row!.id}`, levelUsed: i.level, usedBy: id("curator1"), usedAt: new Date(Date.now() - 10 * DAY), takedownRequestedAt: i.takedown ? new Date(Date.now() - 2 * DAY) : null })),
    );
  };
  await pack(health, "Waiting lists: members' stories", [{ story: named, level: "named" }]);
  await pack(education, "School funding: members' stories", [
    { story: anonymous, level: "anonymous" },
    { story: withdrawn, level: "anonymous", takedown: true },
  ]);
  void internal;
}
