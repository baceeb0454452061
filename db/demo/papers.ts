import type { DocJson } from "@/db/schema/papers";
import { callsForPapers, paperReviews, paperVersions, papers } from "@/db/schema";
import { renderPaper } from "@/lib/papers/render";
import type { DemoContext, DemoPaper } from "./context";

// Small builders so the demo papers read as papers, not as JSON.
type N = Record<string, unknown>;
const t = (text: string, marks?: N[]): N => ({ type: "text", text, ...(marks ? { marks } : {}) });
const b = (text: string) => t(text, [{ type: "bold" }]);
const i = (text: string) => t(text, [{ type: "italic" }]);
const a = (text: string, href: string) => t(text, [{ type: "link", attrs: { href } }]);
const fn = (content: string): N => ({ type: "footnote", attrs: { content } });
const p = (...content: (N | string)[]): N => ({ type: "paragraph", content: content.map((c) => (typeof c === "string" ? t(c) : c)) });
const h = (level: 2 | 3, text: string): N => ({ type: "heading", attrs: { level }, content: [t(text)] });
const ul = (...items: string[]): N => ({ type: "bulletList", content: items.map((x) => ({ type: "listItem", content: [p(x)] })) });
const ol = (...items: string[]): N => ({ type: "orderedList", attrs: { start: 1 }, content: items.map((x) => ({ type: "listItem", content: [p(x)] })) });
const quote = (...paras: string[]): N => ({ type: "blockquote", content: paras.map((x) => p(x)) });
const cell = (type: "tableHeader" | "tableCell", text: string): N => ({ type, content: [p(text)] });
const table = (head: string[], ...rows: string[][]): N => ({
  type: "table",
  content: [{ type: "tableRow", content: head.map((x) => cell("tableHeader", x)) }, ...rows.map((r) => ({ type: "tableRow", content: r.map((x) => cell("tableCell", x)) }))],
});
const doc = (...content: N[]): DocJson => ({ type: "doc", content });

interface Spec {
  theme: string;
  author: string;
  title: string;
  summary: string;
  versions: DocJson[];
  /** Status of the working copy; versions.length counts the published ones. */
  status: "draft" | "submitted" | "returned" | "published";
  /** For a paper in review or returned, the working copy differs from the last version. */
  working?: DocJson;
  reviews?: { decision: "accept" | "return"; reason: string; by: string }[];
  daysAgo: number;
  longThread?: true;
}

const DAY = 86_400_000;

const SPECS: Spec[] = [
  {
    theme: "education",
    author: "member1@commonplace.test",
    title: "Fund schools by need, not by headcount",
    summary: "Per-pupil funding treats a child in a coastal town like one in a leafy suburb. A needs-weighted formula, phased in over four years, would close the gap without cutting any school's budget in cash terms.",
    daysAgo: 12,
    status: "published",
    versions: [
      doc(
        h(2, "The problem"),
        p("Schools are funded mostly by how many pupils they have. A flat amount per head ignores what it costs to teach children who arrive hungry, who speak little English, or who need support the school must buy in."),
        p("The pupil premium was meant to fix this, but it is small next to the core grant and is often spent plugging gaps in the basic budget."),
        h(2, "What we propose"),
        ul("A single national formula with an explicit needs weighting of at least 20%.", "Protection so no school loses cash while the formula phases in.", "Publication of every school's allocation and the factors behind it."),
        p("Funding follows need, and anyone can check the sums."),
      ),
      doc(
        h(2, "The problem"),
        p("Schools are funded mostly by how many pupils they have. A flat amount per head ignores what it costs to teach children who arrive hungry, who speak little English, or who need support the school must buy in.", fn("Department for Education, school funding statistics, 2025 release.")),
        p("The pupil premium was meant to fix this, but it is small next to the core grant and is often spent plugging gaps in the basic budget. Members who are governors told us the same story from every region."),
        h(3, "How big the gap is"),
        table(["Area type", "Pupils eligible for free meals", "Funding per pupil"], ["Coastal towns", "31%", "£6,450"], ["Inner cities", "35%", "£7,120"], ["Affluent suburbs", "9%", "£6,300"]),
        p("The coastal figure is the one that should worry us: need close to the inner cities, funding close to the suburbs."),
        h(2, "What we propose"),
        ul("A single national formula with an explicit needs weighting of at least 20%.", "Protection so no school loses cash while the formula phases in over four years.", "Publication of every school's allocation and the factors behind it."),
        quote("We do not need more money for the sake of it; we need the money to be where the children are."),
        p("Funding follows need, and anyone can check the sums. Version 2 adds the regional figures asked for in the discussion and lengthens the phase-in from three years to four."),
      ),
    ],
    reviews: [
      { decision: "accept", reason: "Clear and well argued. Accepted.", by: "council1@commonplace.test" },
      { decision: "accept", reason: "The added figures answer the main question raised in the thread.", by: "council2@commonplace.test" },
    ],
  },
  {
    theme: "education",
    author: "curator1@commonplace.test",
    title: "Teachers' workload: stop marking for the inspector",
    summary: "Much of the marking teachers do is written for inspectors, not pupils. We set out what to stop, what to keep, and how schools can prove progress without the paperwork.",
    daysAgo: 30,
    status: "published",
    versions: [
      doc(
        p("Ask a teacher where the evenings go and the answer is marking. Not the kind that helps a pupil, but the kind that proves to someone else that marking happened."),
        h(2, "What to stop"),
        ol("Written comments on every piece of work.", "Triple-colour pen policies and stamps that nobody reads.", "Data drops more often than once a term."),
        h(2, "What to keep"),
        p("Feedback in the lesson, where the pupil can act on it, is worth more than a paragraph in the margin read a week later. Whole-class feedback sheets save hours and lose nothing."),
        p("Inspectors already say they do not want to see marking for its own sake. The task is to make schools believe it: a short national statement, signed by the inspectorate and the unions, would do more than another workload survey."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted; practical and grounded in members' experience.", by: "council2@commonplace.test" }],
  },
  {
    theme: "health",
    author: "member2@commonplace.test",
    title: "A waiting-list plan that patients can see",
    summary: "Waiting lists are published as national totals that mean nothing to a patient. We propose a public, per-hospital, per-specialty tracker and a legal right to a second provider after 18 weeks.",
    daysAgo: 9,
    status: "published",
    longThread: true,
    versions: [
      doc(
        h(2, "Why totals are not enough"),
        p("The national waiting list is reported as one number. It goes up, it goes down, ministers argue about it. None of that helps a patient who wants to know how long ", i("their"), " operation will take, at ", i("their"), " hospital."),
        p("Hospitals already hold this data. Some trusts publish it; most do not, or publish it as PDFs that are out of date on the day they appear.", fn("Freedom of information requests by members to 40 trusts, autumn 2026.")),
        h(2, "What we propose"),
        h(3, "A tracker everyone can read"),
        p("Every hospital publishes, weekly, the median and 90th-percentile wait for each specialty, in a common open format. A national site shows it with a postcode search."),
        h(3, "A right to go elsewhere"),
        p("A patient waiting more than 18 weeks can ask to be treated by another public provider with capacity, with travel costs paid. The money follows the patient.", fn("The 18-week standard is already in the NHS Constitution; it has no remedy when it is missed.")),
        quote("I didn't mind waiting. I minded not knowing."),
        h(2, "What it costs"),
        p("The tracker costs little: the data exists. The right to go elsewhere costs money where it is used, and saves it where long waits make conditions worse. We ask the council to commission a costing from members with NHS finance experience."),
        p("More in the ", a("public data guidance", "https://www.england.nhs.uk/statistics/"), ", and in the discussion below."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted. A costing paper should follow.", by: "council1@commonplace.test" }],
  },
  {
    theme: "health",
    author: "facts@commonplace.test",
    title: "Social care is a health policy",
    summary: "Delayed discharges fill hospital beds because there is no care at home to go to. Funding social care properly is the cheapest way to shorten waiting lists.",
    daysAgo: 20,
    status: "published",
    versions: [
      doc(
        p("On any given day, thousands of hospital beds are occupied by people who are well enough to leave but have nowhere safe to go. They are waiting for a care package, a care home place, or an adaptation to their home."),
        h(2, "The arithmetic"),
        p("A hospital bed costs several times as much per night as care at home. Every delayed discharge is money spent on the wrong thing, and an operation that cannot happen because the bed is full."),
        h(2, "Three steps"),
        ul("Pay care workers at least the rate of a healthcare assistant.", "Fund councils for care on a multi-year settlement, not year to year.", "Give discharge teams a budget they can spend on the day."),
        p("None of this is new. What is new is treating it as part of the waiting-list plan rather than a separate argument for another day."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted.", by: "council2@commonplace.test" }],
  },
  {
    theme: "health",
    author: "member1@commonplace.test",
    title: "Prevention first: a sugar and salt levy",
    summary: "A levy on manufacturers, not shoppers, for sugar and salt above set thresholds, with the money ring-fenced for school meals and community health.",
    daysAgo: 4,
    status: "returned",
    versions: [],
    working: doc(
      p("The soft drinks levy worked: manufacturers cut sugar rather than pay. We propose extending the same idea to sugar and salt in processed food."),
      h(2, "The levy"),
      p("Charged per tonne above a threshold, set so that most products can reformulate to avoid it."),
      p("The money goes to school meals and community health programmes."),
    ),
    reviews: [
      {
        decision: "return",
        reason: "A good idea, but the paper needs evidence on how shoppers on low incomes would be affected, and the thresholds need figures. Please revise and resubmit.",
        by: "council1@commonplace.test",
      },
    ],
  },
  {
    theme: "strategy",
    author: "curator2@commonplace.test",
    title: "Win the councils first",
    summary: "Local elections are where a young movement learns to govern. We argue for concentrating effort on twenty winnable councils over the next three years.",
    daysAgo: 16,
    status: "published",
    versions: [
      doc(
        h(2, "Why local"),
        p("A council seat is winnable with a few hundred votes and a few dozen volunteers. It gives members experience of running something, and gives voters something to judge us on."),
        h(2, "Where"),
        p("We propose ", b("twenty councils"), " chosen on three tests: where we have members, where turnout is low, and where the current administration is weak."),
        table(["Test", "Measure", "Source"], ["Members", "At least 150 verified members in the area", "Our own roll"], ["Turnout", "Below 30% at the last election", "Electoral Commission"], ["Weakness", "Majority of five seats or fewer", "Council results"]),
        h(2, "What it asks of members"),
        p("Branches outside the twenty are asked to twin with one inside it and send canvassers on set weekends. Nobody is told to stop local work; we are asking for focus."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted for discussion by members.", by: "council1@commonplace.test" }],
  },
  {
    theme: "strategy",
    author: "moderator2@commonplace.test",
    title: "How we choose candidates",
    summary: "Open selections with hustings streamed to every member, a skills check rather than a loyalty test, and a cap on candidates from the paid staff.",
    daysAgo: 24,
    status: "published",
    versions: [
      doc(
        p("The way a party picks its candidates tells voters what it is. Ours should be open, fair, and hard to capture."),
        h(2, "Principles"),
        ul("Every selection open to any verified member in the area.", "Hustings recorded and available to every voting member.", "No more than a quarter of candidates from paid staff."),
        h(2, "The skills check"),
        p("Candidates should show they can read a council budget and chair a meeting. We propose a short, published assessment, marked by trained members, and not a test of political opinions."),
        quote("We want people who can do the job, not people who know the right people."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted.", by: "council2@commonplace.test" }],
  },
  {
    theme: "strategy",
    author: "member2@commonplace.test",
    title: "Alliances: who we work with and on what terms",
    summary: "A framework for local and national alliances: common ground written down, time limits, and a members' vote before any electoral pact.",
    daysAgo: 2,
    status: "submitted",
    versions: [],
    working: doc(
      p("Alliances can multiply our strength or dilute what we stand for. This paper proposes rules so that every alliance is deliberate and every member can see its terms."),
      h(2, "Three rules"),
      ol("Common ground written down and published before any joint campaign.", "Every alliance has an end date and is reviewed before it is renewed.", "No electoral pact without a vote of the members affected."),
      p("These rules would have saved us two painful arguments last year, both about pacts agreed by a handful of people and announced to everyone else."),
    ),
  },
  {
    theme: "climate-energy",
    author: "curator2@commonplace.test",
    title: "Insulate every home in ten years",
    summary: "A street-by-street retrofit programme run by councils, paid for by the savings on bills and a public green bank, with local jobs and training built in.",
    daysAgo: 6,
    status: "published",
    versions: [
      doc(
        h(2, "Why homes"),
        p("Homes in this country leak heat faster than almost anywhere in Europe. Insulating them cuts bills, cuts emissions, and makes people healthier.", fn("Building Research Establishment, housing stock condition survey, 2024.")),
        h(2, "The programme"),
        p("Councils work street by street, not house by house, so one survey, one scaffold and one crew do a whole terrace. Owners pay nothing upfront; a share of the bill saving repays the green bank over twenty years."),
        table(["Measure", "Typical cost", "Annual saving"], ["Loft insulation", "£900", "£350"], ["Cavity wall", "£2,500", "£450"], ["Solid wall (external)", "£12,000", "£600"]),
        p("Solid-wall homes are the hard part, and the paper is honest that they need grant as well as loan.", fn("Savings at 2026 prices for a three-bedroom semi-detached house.")),
        h(2, "Jobs"),
        p("Each council area needs crews it can rely on. We propose a training guarantee: every contract includes apprenticeships, and every apprentice is offered a job at the end."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted. Strong on delivery.", by: "council1@commonplace.test" }],
  },
  {
    theme: "climate-energy",
    author: "admin@commonplace.test",
    title: "Public ownership of the grid",
    summary: "The grid is a natural monopoly. Bringing it into public ownership would let us build the connections renewable projects are queuing years for.",
    daysAgo: 18,
    status: "published",
    versions: [
      doc(
        p("Renewable projects wait years for a grid connection. The queue is long because the grid has been run for shareholder returns rather than for the country's needs."),
        h(2, "The case"),
        p("A natural monopoly should be run in the public interest. Public ownership lets the grid be planned ahead of demand, financed at public borrowing rates, and held to account by Parliament."),
        h(2, "How"),
        ul("Acquire the transmission companies at a fair price set by Parliament.", "Create a public grid company with a duty to connect renewables.", "Publish the connection queue and the plan to clear it."),
        p("This paper leaves distribution networks to a later one; members in the discussion are welcome to start it."),
      ),
    ],
    reviews: [{ decision: "accept", reason: "Accepted.", by: "council2@commonplace.test" }],
  },
  {
    theme: "climate-energy",
    author: "member1@commonplace.test",
    title: "Buses first: a fare cap for rural routes",
    summary: "A draft on rural bus routes and a national fare cap.",
    daysAgo: 1,
    status: "draft",
    versions: [],
    working: doc(p("Rural bus routes have been cut by a third in fifteen years. This draft sets out a fare cap and a minimum service guarantee."), p("Still to do: costs and examples.")),
  },
];

/** Demo papers in every theme, with a realistic review history. */
export async function seedPapers(ctx: DemoContext): Promise<DemoPaper[]> {
  const { tx } = ctx;
  const now = Date.now();
  const out: DemoPaper[] = [];
  for (const spec of SPECS) {
    const published = spec.versions.length;
    const created = new Date(now - (spec.daysAgo + 5) * DAY);
    const last = spec.versions.at(-1);
    const working = spec.working ?? last!;
    const lastPublishedAt = new Date(now - spec.daysAgo * DAY);
    const [paper] = await tx
      .insert(papers)
      .values({
        themeId: ctx.themeId(spec.theme),
        authorId: ctx.userId(spec.author),
        status: spec.status,
        title: spec.title,
        summary: spec.summary,
        content: working,
        publishedVersion: published,
        submittedAt: spec.status === "draft" ? null : new Date(now - (spec.daysAgo + 1) * DAY),
        publishedAt: published ? lastPublishedAt : null,
        createdAt: created,
        updatedAt: spec.status === "published" ? lastPublishedAt : new Date(now - spec.daysAgo * DAY),
      })
      .returning({ id: papers.id });
    const id = paper!.id;
    for (const [k, content] of spec.versions.entries()) {
      const r = renderPaper(content);
      const at = new Date(lastPublishedAt.getTime() - (published - 1 - k) * 7 * DAY);
      const review = spec.reviews?.filter((x) => x.decision === "accept")[k];
      await tx.insert(paperVersions).values({
        paperId: id,
        number: k + 1,
        title: spec.title,
        summary: spec.summary,
        content,
        html: r.html,
        plainText: r.plainText,
        wordCount: r.wordCount,
        publishedBy: review ? ctx.userId(review.by) : null,
        createdAt: at,
      });
    }
    if (spec.reviews?.length) {
      await tx.insert(paperReviews).values(
        spec.reviews.map((r, k) => ({ paperId: id, reviewerId: ctx.userId(r.by), decision: r.decision, reason: r.reason, createdAt: new Date(lastPublishedAt.getTime() - (spec.reviews!.length - 1 - k) * 7 * DAY) })),
      );
    }
    out.push({ id, themeSlug: spec.theme, title: spec.title, published: published > 0, ...(spec.longThread ? { longThread: true } : {}) });
  }
  await tx.insert(callsForPapers).values([
    {
      themeId: ctx.themeId("climate-energy"),
      title: "Transport in rural areas",
      description: "How do people without a car get to work, school and the doctor? The council invites papers on buses, rail and community transport outside the cities.",
      deadline: new Date(now + 21 * DAY),
      createdBy: ctx.userId("council1@commonplace.test"),
    },
    {
      themeId: ctx.themeId("education"),
      title: "Adult education and retraining",
      description: "Papers on lifelong learning: further education colleges, retraining for new industries, and adult literacy.",
      deadline: new Date(now + 45 * DAY),
      createdBy: ctx.userId("council2@commonplace.test"),
    },
  ]);
  return out;
}
