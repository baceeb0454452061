import { auditLog, disputeComments, disputes, factReviews, factSources, factThemes, factVersions, facts, type FactSourceSnapshot } from "@/db/schema";
import { renderMarkdownLight } from "@/lib/facts/markdown";
import { computeHardness, type ReviewerRecord } from "@/lib/facts/hardness";
import { countAllFactWords } from "@/lib/facts/words";
import type { DemoContext } from "./context";

/**
 * About 240 demo facts: UK public-policy figures across the four demo themes, made from templates
 * with a seeded PRNG so every seed is the same. Most are accepted; some wait for review, some were
 * rejected, some are disputed (open or settled), a few retracted, many confirmed. Plausible, not real:
 * the figures are generated, so the demo never passes itself off as a statistics source.
 */

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = FactSourceSnapshot["kind"];
interface Publisher {
  name: string;
  domain: string;
  kind: Kind;
}
const P = {
  ons: { name: "Office for National Statistics", domain: "www.ons.gov.uk", kind: "official_statistics" },
  nhse: { name: "NHS England", domain: "www.england.nhs.uk", kind: "official_statistics" },
  dfe: { name: "Department for Education", domain: "explore-education-statistics.service.gov.uk", kind: "official_statistics" },
  desnz: { name: "Department for Energy Security and Net Zero", domain: "www.gov.uk", kind: "official_statistics" },
  ofgem: { name: "Ofgem", domain: "www.ofgem.gov.uk", kind: "official_statistics" },
  dft: { name: "Department for Transport", domain: "www.gov.uk/dft", kind: "official_statistics" },
  ec: { name: "Electoral Commission", domain: "www.electoralcommission.org.uk", kind: "official_statistics" },
  hocl: { name: "House of Commons Library", domain: "commonslibrary.parliament.uk", kind: "official_statistics" },
  sfc: { name: "Skills for Care", domain: "www.skillsforcare.org.uk", kind: "official_statistics" },
  bmj: { name: "BMJ", domain: "www.bmj.com", kind: "peer_reviewed" },
  lancet: { name: "The Lancet Public Health", domain: "www.thelancet.com", kind: "peer_reviewed" },
  berj: { name: "British Educational Research Journal", domain: "bera-journals.onlinelibrary.wiley.com", kind: "peer_reviewed" },
  ncc: { name: "Nature Climate Change", domain: "www.nature.com", kind: "peer_reviewed" },
  es: { name: "Electoral Studies", domain: "www.sciencedirect.com", kind: "peer_reviewed" },
  bbc: { name: "BBC News", domain: "www.bbc.co.uk", kind: "reputable_press" },
  guardian: { name: "The Guardian", domain: "www.theguardian.com", kind: "reputable_press" },
  ft: { name: "Financial Times", domain: "www.ft.com", kind: "reputable_press" },
  times: { name: "The Times", domain: "www.thetimes.co.uk", kind: "reputable_press" },
  kf: { name: "The King's Fund", domain: "www.kingsfund.org.uk", kind: "other" },
  ifs: { name: "Institute for Fiscal Studies", domain: "ifs.org.uk", kind: "other" },
  neu: { name: "National Education Union", domain: "neu.org.uk", kind: "advocacy_group" },
  efpc: { name: "End Fuel Poverty Coalition", domain: "www.endfuelpoverty.org.uk", kind: "advocacy_group" },
  foe: { name: "Friends of the Earth", domain: "friendsoftheearth.uk", kind: "advocacy_group" },
  ers: { name: "Electoral Reform Society", domain: "electoral-reform.org.uk", kind: "advocacy_group" },
  pa: { name: "Patients Association", domain: "www.patients-association.org.uk", kind: "advocacy_group" },
  substack: { name: "A Substack newsletter", domain: "policynotes.substack.com", kind: "blog_social" },
  x: { name: "A thread on X", domain: "x.com", kind: "blog_social" },
} satisfies Record<string, Publisher>;

interface Template {
  theme: "education" | "health" | "strategy" | "climate-energy";
  /** {v} value, {place}, {year}, {period}, {month} */
  text: string;
  unit: string;
  range: [number, number];
  decimals: number;
  places: readonly string[];
  official: Publisher[];
  others: Publisher[];
  title: string;
  timeSensitive?: boolean;
}

const NATIONS = ["England", "Scotland", "Wales", "Northern Ireland"] as const;
const REGIONS = ["England", "London", "the North East", "the North West", "Yorkshire and the Humber", "the West Midlands", "the East Midlands", "the South West", "the South East", "the East of England"] as const;
const UK = ["the UK", "Great Britain", ...NATIONS] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const TEMPLATES: Template[] = [
  { theme: "health", text: "The waiting list for consultant-led elective care in {place} stood at {v} million pathways at the end of {month} {year}.", unit: "million pathways", range: [5.8, 7.8], decimals: 2, places: ["England"], official: [P.nhse], others: [P.bbc, P.kf, P.guardian, P.pa], title: "Referral to treatment waiting times statistics" },
  { theme: "health", text: "{v}% of A&E attendances in {place} were admitted, transferred or discharged within four hours in {month} {year}.", unit: "%", range: [68, 78], decimals: 1, places: ["England"], official: [P.nhse], others: [P.bbc, P.times, P.kf], title: "A&E attendances and emergency admissions" },
  { theme: "health", text: "There were {v} fully qualified full-time equivalent GPs per 100,000 people in {place} in {year}.", unit: "GPs per 100,000", range: [42, 62], decimals: 1, places: REGIONS, official: [P.nhse], others: [P.bmj, P.guardian, P.kf], title: "General practice workforce" },
  { theme: "health", text: "Adult social care providers in {place} reported {v} vacant posts on an average day in {period}.", unit: "vacancies", range: [8000, 152000], decimals: 0, places: REGIONS, official: [P.sfc], others: [P.kf, P.ft, P.substack], title: "The state of the adult social care sector and workforce" },
  { theme: "health", text: "Healthy life expectancy at birth for women in {place} was {v} years in {period}.", unit: "years", range: [58, 66], decimals: 1, places: NATIONS, official: [P.ons], others: [P.lancet, P.bbc], title: "Health state life expectancies, UK" },
  { theme: "health", text: "The median wait for a first mental health appointment for children in {place} was {v} days in {year}.", unit: "days", range: [28, 120], decimals: 0, places: NATIONS, official: [P.nhse, P.hocl], others: [P.pa, P.guardian, P.x], title: "Children and young people's mental health services" },
  { theme: "education", text: "The average class size in state-funded primary schools in {place} was {v} pupils in {period}.", unit: "pupils", range: [26.1, 27.9], decimals: 1, places: REGIONS, official: [P.dfe], others: [P.bbc, P.neu], title: "Schools, pupils and their characteristics" },
  { theme: "education", text: "{v}% of pupils in {place} met the expected standard in reading, writing and maths at the end of primary school in {year}.", unit: "%", range: [55, 66], decimals: 0, places: REGIONS, official: [P.dfe], others: [P.guardian, P.berj], title: "Key stage 2 attainment" },
  { theme: "education", text: "Schools in {place} advertised {v} teacher vacancies on the census day in {month} {year}.", unit: "vacancies", range: [300, 2800], decimals: 0, places: REGIONS, official: [P.dfe], others: [P.neu, P.times, P.substack], title: "School workforce in England" },
  { theme: "education", text: "Day-to-day school spending per pupil in {place} was £{v} in {period}, in today's prices.", unit: "£ per pupil", range: [6900, 8200], decimals: 0, places: ["England"], official: [P.dfe], others: [P.ifs, P.ft, P.neu], title: "School funding statistics" },
  { theme: "education", text: "{v}% of teachers who qualified in {place} five years before {year} had left state-school teaching.", unit: "%", range: [28, 36], decimals: 1, places: ["England"], official: [P.dfe], others: [P.berj, P.guardian, P.x], title: "Teacher retention by years since qualifying" },
  { theme: "education", text: "{v}% of pupils in {place} were eligible for free school meals in {period}.", unit: "%", range: [17, 31], decimals: 1, places: REGIONS, official: [P.dfe], others: [P.bbc, P.neu], title: "Free school meals eligibility" },
  { theme: "strategy", text: "Turnout at the {year} general election in {place} was {v}% of registered electors.", unit: "%", range: [56, 69], decimals: 1, places: UK, official: [P.ec, P.hocl], others: [P.bbc, P.es, P.ers], title: "General election results and turnout", timeSensitive: false },
  { theme: "strategy", text: "{v}% of people in {place} said they trust the national government in {year}.", unit: "%", range: [22, 38], decimals: 0, places: ["the UK"], official: [P.ons], others: [P.ft, P.es, P.x], title: "Trust in government, UK" },
  { theme: "strategy", text: "Trade union membership among employees in {place} was {v}% in {year}.", unit: "%", range: [20.5, 24.5], decimals: 1, places: UK, official: [P.ons, P.hocl], others: [P.guardian, P.substack], title: "Trade union membership statistics" },
  { theme: "strategy", text: "An estimated {v} million eligible people in {place} were not correctly registered to vote in {year}.", unit: "million", range: [5, 8], decimals: 1, places: ["Great Britain"], official: [P.ec], others: [P.ers, P.bbc, P.es], title: "Accuracy and completeness of the electoral registers" },
  { theme: "strategy", text: "Local authorities in {place} spent {v}% less per person on services in {period} than in 2010/11, in real terms.", unit: "%", range: [12, 29], decimals: 0, places: REGIONS, official: [P.hocl], others: [P.ifs, P.guardian, P.x], title: "Local government finances" },
  { theme: "climate-energy", text: "Territorial greenhouse gas emissions in {place} were {v}% below 1990 levels in {year}.", unit: "%", range: [44, 54], decimals: 1, places: ["the UK"], official: [P.desnz], others: [P.ncc, P.bbc, P.foe], title: "UK greenhouse gas emissions statistics" },
  { theme: "climate-energy", text: "Renewable sources generated {v}% of electricity in {place} in {year}.", unit: "%", range: [38, 51], decimals: 1, places: UK, official: [P.desnz], others: [P.ft, P.ncc, P.foe], title: "Energy Trends: renewables" },
  { theme: "climate-energy", text: "{v}% of households in {place} were in fuel poverty in {year}.", unit: "%", range: [11, 18], decimals: 1, places: REGIONS, official: [P.desnz], others: [P.efpc, P.guardian, P.substack], title: "Fuel poverty statistics" },
  { theme: "climate-energy", text: "The energy price cap for a typical dual-fuel household in {place} was £{v} a year from {month} {year}.", unit: "£ a year", range: [1568, 2500], decimals: 0, places: ["Great Britain"], official: [P.ofgem], others: [P.bbc, P.times, P.efpc], title: "Energy price cap" },
  { theme: "climate-energy", text: "Bus passenger journeys in {place} totalled {v} million in the year ending March {year}.", unit: "million journeys", range: [250, 1800], decimals: 0, places: REGIONS, official: [P.dft], others: [P.guardian, P.foe], title: "Annual bus statistics" },
  { theme: "climate-energy", text: "{v} thousand homes in {place} had insulation installed through government schemes in {year}.", unit: "thousand homes", range: [20, 180], decimals: 0, places: NATIONS, official: [P.desnz], others: [P.ft, P.efpc, P.x], title: "Household energy efficiency statistics" },
];

const DISPUTE_REASONS = [
  "The source's latest release revised this figure; the statement quotes the provisional number.",
  "This counts pathways, not people: one person can be on the list more than once.",
  "The figure is for England only, but the statement reads as if it covered the UK.",
  "The period is wrong: the source gives this figure for the previous year.",
  "The press report rounds the official number and drops the caveat about the change of method.",
];
const DISCUSSION = [
  "I checked the table: the revision note is in the footnotes of the latest release.",
  "Agreed that the wording could be clearer, but the number itself matches the source.",
  "Could a fact editor look at the methodology change? It matters for comparisons over time.",
  "> counts pathways, not people\n\nTrue, and the source says so. The statement should say *pathways*.",
];

/** The first demo fact has a fixed id (accepted, with an open dispute), so checks can visit a rich fact page. */
export const DEMO_FACT_ID = "f0c7d3a1-0000-4000-8000-000000000001";

const uuidFrom = (rand: () => number) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(rand() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const DAY = 86_400_000;

export async function seedFacts(ctx: DemoContext): Promise<void> {
  const rand = mulberry32(20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = Date.now();
  const editor = ctx.userId("facts@commonplace.test");
  const members = ["member1@commonplace.test", "member2@commonplace.test", "curator1@commonplace.test", "curator2@commonplace.test", "council1@commonplace.test", "council2@commonplace.test", "moderator1@commonplace.test", "moderator2@commonplace.test", "admin@commonplace.test"].map((e) => ctx.userId(e));

  const factRows: (typeof facts.$inferInsert)[] = [];
  const versionRows: (typeof factVersions.$inferInsert)[] = [];
  const sourceRows: (typeof factSources.$inferInsert)[] = [];
  const themeRows: (typeof factThemes.$inferInsert)[] = [];
  const disputeRows: (typeof disputes.$inferInsert & { id: string })[] = [];
  const reviewRows: (typeof factReviews.$inferInsert)[] = [];
  const commentRows: (typeof disputeComments.$inferInsert)[] = [];
  const auditRows: (typeof auditLog.$inferInsert)[] = [];
  const seen = new Set<string>();

  for (let i = 0; factRows.length < 240 && i < 2000; i++) {
    const t = TEMPLATES[i % TEMPLATES.length]!;
    const place = pick(t.places);
    const year = 2019 + Math.floor(rand() * 7);
    const statementKey = `${t.text}|${place}|${year}`;
    if (seen.has(statementKey)) continue;
    seen.add(statementKey);
    const month = pick(MONTHS);
    const raw = t.range[0] + rand() * (t.range[1] - t.range[0]);
    const value = raw.toFixed(t.decimals);
    const shown = t.decimals === 0 ? Number(value).toLocaleString("en-GB") : value;
    const period = `${year - 1}/${String(year).slice(2)}`;
    const statement = t.text.replace("{v}", shown).replace("{place}", place).replace("{year}", String(year)).replace("{period}", period).replace("{month}", month);
    const asOf = `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, "0")}-28`;
    const first = factRows.length === 0;
    const id = first ? DEMO_FACT_ID : uuidFrom(rand);
    const proposer = pick(members);
    const createdAt = new Date(now - Math.floor(rand() * 540 + 20) * DAY);

    // Sources: usually the official release, plus zero to two others; a few rest on weak sources only.
    const weakOnly = !first && rand() < 0.08;
    const chosen: Publisher[] = weakOnly ? [pick(t.others.filter((o) => o.kind !== "official_statistics"))] : [pick(t.official)];
    const extra = weakOnly ? 0 : Math.floor(rand() * 3);
    for (let k = 0; k < extra; k++) {
      const o = pick(t.others);
      if (!chosen.includes(o)) chosen.push(o);
    }
    const sources: FactSourceSnapshot[] = chosen.map((p) => ({
      url: `https://${p.domain}/${t.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${year}`,
      title: p.kind === "official_statistics" ? `${t.title}: ${period}` : `${t.title.split(":")[0]} — what the ${year} figures show`,
      publisher: p.name,
      publishedOn: `${year}-${String(Math.min(12, MONTHS.indexOf(month) + 2)).padStart(2, "0")}-10`,
      kind: p.kind,
    }));

    const r = rand();
    const status = first ? "accepted" : r < 0.05 ? "proposed" : r < 0.08 ? "rejected" : "accepted";
    const themeId = ctx.themeId(t.theme);
    const fact = {
      id,
      statement,
      figureValue: value,
      figureUnit: t.unit,
      asOf,
      period: t.text.includes("{period}") ? period : null,
      place,
      timeSensitive: t.timeSensitive ?? true,
      status: status as "proposed" | "accepted" | "rejected" | "retracted",
      currentVersion: 1,
      sourceText: sources.map((s) => `${s.title} ${s.publisher}`).join(" · "),
      proposedBy: proposer,
      decidedBy: status === "proposed" ? null : editor,
      decidedAt: status === "proposed" ? null : new Date(createdAt.getTime() + 2 * DAY),
      decisionReason: status === "rejected" ? "The source gives a different figure for this period, and the proposal does not say where its number comes from." : null,
      createdAt,
      updatedAt: createdAt,
    };
    factRows.push(fact);
    versionRows.push({ factId: id, number: 1, statement, figureValue: value, figureUnit: t.unit, asOf, period: fact.period, place, timeSensitive: fact.timeSensitive, sources, themeIds: [themeId], authorId: proposer, reason: "Proposed", createdAt });
    sources.forEach((s, position) => sourceRows.push({ ...s, factId: id, position }));
    themeRows.push({ factId: id, themeId });
    if (status !== "accepted") continue;

    // Confirmations from members who did not propose it.
    const confirmers = members.filter((m) => m !== proposer && rand() < 0.3);
    for (const m of confirmers) reviewRows.push({ factId: id, reviewerId: m, stance: "confirm", factVersion: 1, createdAt: new Date(createdAt.getTime() + 5 * DAY) });

    // Disputes: some open, some settled (upheld, amended or retracted).
    const d = first ? 0 : rand();
    if (d < 0.3) {
      const disputer = pick(members.filter((m) => m !== proposer && !confirmers.includes(m)));
      const outcome = d < 0.12 ? "open" : d < 0.2 ? "upheld" : d < 0.25 ? "amended" : "retracted";
      const disputeId = uuidFrom(rand);
      const openedAt = new Date(createdAt.getTime() + 8 * DAY);
      const resolvedAt = outcome === "open" ? null : new Date(openedAt.getTime() + 6 * DAY);
      const resolution = {
        open: null,
        upheld: "The source table supports the statement as worded; the counter-source reports an older release.",
        amended: "Corrected the wording to match the source's definition; the earlier version is kept.",
        retracted: "The publisher withdrew this release after finding an error, so the figure cannot stand.",
      }[outcome];
      disputeRows.push({ id: disputeId, factId: id, factVersion: 1, openedBy: disputer, reason: pick(DISPUTE_REASONS), counterSourceUrl: rand() < 0.7 ? `https://fullfact.org/${t.theme}/${year}-check` : null, counterSourceTitle: "Full Fact check", status: outcome, resolutionReason: resolution, resolvedBy: resolvedAt ? editor : null, resolvedAt, createdAt: openedAt });
      reviewRows.push({ factId: id, reviewerId: disputer, stance: "dispute", disputeId, factVersion: 1, reason: "See the dispute.", createdAt: openedAt });
      const posts = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < posts; k++) {
        const body = pick(DISCUSSION);
        commentRows.push({ disputeId, authorId: pick(members), body, bodyHtml: renderMarkdownLight(body), createdAt: new Date(openedAt.getTime() + (k + 1) * 3600_000) });
      }
      const details = { factId: id, statement, outcome };
      if (outcome === "amended") {
        const amended = `${statement.replace(/\.$/, "")} (provisional figure, since revised by the publisher).`;
        fact.statement = amended;
        fact.currentVersion = 2;
        versionRows.push({ factId: id, number: 2, statement: amended, figureValue: value, figureUnit: t.unit, asOf, period: fact.period, place, timeSensitive: fact.timeSensitive, sources, themeIds: [themeId], authorId: editor, reason: resolution!, createdAt: resolvedAt! });
        auditRows.push({ actorId: editor, action: "fact.amend", targetType: "fact", targetId: id, reason: resolution, details: { factId: id, statement: amended, version: 2 }, createdAt: resolvedAt! });
      }
      if (outcome === "retracted") {
        fact.status = "retracted";
        fact.decisionReason = resolution;
        auditRows.push({ actorId: editor, action: "fact.retract", targetType: "fact", targetId: id, reason: resolution, details: { factId: id, statement, disputeId }, createdAt: resolvedAt! });
      }
      if (resolvedAt) auditRows.push({ actorId: editor, action: "dispute.resolve", targetType: "dispute", targetId: disputeId, reason: resolution, details, createdAt: resolvedAt });
    }
  }

  // Hardness, computed with the same formula and track records as the app (see lib/facts/score.ts).
  const records = new Map<string, ReviewerRecord>();
  for (const rv of reviewRows) {
    for (const dp of disputeRows) {
      if (dp.factId !== rv.factId || dp.status === "open" || !dp.resolvedAt || dp.resolvedAt < rv.createdAt!) continue;
      const rec = records.get(rv.reviewerId) ?? { agree: 0, total: 0 };
      rec.total++;
      if ((rv.stance === "confirm" && dp.status === "upheld") || (rv.stance === "dispute" && dp.status !== "upheld")) rec.agree++;
      records.set(rv.reviewerId, rec);
    }
  }
  const record = (id: string | null | undefined) => (id && records.get(id)) || { agree: 0, total: 0 };
  const nowDate = new Date(now);
  for (const f of factRows) {
    const mine = disputeRows.filter((d) => d.factId === f.id);
    f.hardness = computeHardness({
      status: f.status!,
      sources: sourceRows.filter((s) => s.factId === f.id).map((s) => ({ kind: s.kind, publisher: s.publisher, url: s.url })),
      confirmations: reviewRows.filter((rv) => rv.factId === f.id && rv.stance === "confirm" && rv.factVersion === f.currentVersion).map((rv) => record(rv.reviewerId)),
      openDisputes: mine.filter((d) => d.status === "open").map((d) => record(d.openedBy)),
      upheldDisputes: mine.filter((d) => d.status === "upheld").length,
      timeSensitive: f.timeSensitive!,
      asOf: f.asOf ?? null,
      now: nowDate,
    }).score;
  }

  const { tx } = ctx;
  await tx.insert(facts).values(factRows);
  await tx.insert(factVersions).values(versionRows);
  await tx.insert(factSources).values(sourceRows);
  await tx.insert(factThemes).values(themeRows);
  if (disputeRows.length) await tx.insert(disputes).values(disputeRows);
  if (reviewRows.length) await tx.insert(factReviews).values(reviewRows);
  if (commentRows.length) await tx.insert(disputeComments).values(commentRows);
  if (auditRows.length) await tx.insert(auditLog).values(auditRows);
  await countAllFactWords(tx);
}
