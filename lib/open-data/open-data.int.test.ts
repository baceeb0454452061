/**
 * Open data against real PostgreSQL databases made for each test: the demo is exported, restored
 * into an empty database and exported again; damaged, newer and truncated bundles are refused
 * with nothing written; the public bundle carries nothing a visitor could not see.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tar from "tar-stream";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { anecdoteConsents, anecdoteUses, anecdotes, comments, directoryProfiles, facts, notifications, papers, synthesisSuggestions, syntheses, themes, users, type ConsentLevel } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/chain";
import { readCatalog } from "./catalog";
import { renderFormatDoc } from "./docs";
import { exportedTables, writeBundle, type ExportOptions } from "./export";
import { BundleError, FORMAT_VERSION, type Manifest } from "./format";
import { importBundle } from "./import";
import { TABLES } from "./tables";
import { scratchDatabase, type Scratch } from "./testing";

let dir: string;
let source: Scratch;
const made: Scratch[] = [];
const scratch = async (seed = false) => {
  const s = await scratchDatabase(undefined, { seed });
  made.push(s);
  return s;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "od-test-"));
  source = await scratch(true);
}, 60_000);
afterAll(async () => {
  await Promise.all(made.map((s) => s.drop()));
  await rm(dir, { recursive: true, force: true });
}, 120_000);

const exportTo = async (s: Scratch, name: string, opts: ExportOptions) => {
  const file = path.join(dir, name);
  const manifest = await writeBundle(s.pool, opts, createWriteStream(file));
  return { file, manifest };
};

async function readArchive(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const ex = tar.extract();
  ex.on("entry", (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => {
      entries.set(h.name, Buffer.concat(chunks));
      next();
    });
  });
  await pipeline(Readable.from(await readFile(file)), ex);
  return entries;
}

async function writeArchive(file: string, entries: Map<string, Buffer>): Promise<void> {
  const pack = tar.pack();
  for (const [name, body] of entries) pack.entry({ name, mtime: new Date(0) }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await writeFile(file, Buffer.concat(chunks));
}

const countRows = async (s: Scratch) => {
  const { rows } = await s.pool.query<{ n: string }>("select (select count(*) from users) + (select count(*) from themes) + (select count(*) from comments) + (select count(*) from audit_log) as n");
  return Number(rows[0]!.n);
};

const expectRefused = async (target: Scratch, file: string, message: RegExp, opts = {}) => {
  const err = await importBundle(target.pool, file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  expect((err as Error).message).toMatch(message);
  expect(await countRows(target), "a refused import writes nothing").toBe(0);
};

describe("full bundle round trip", () => {
  it("restores the demo exactly: a second export is identical apart from its timestamp", async () => {
    const a = await exportTo(source, "a.tar", { tier: "full" });
    const target = await scratch();
    const report = await importBundle(target.pool, a.file);
    expect(report.tables.find((t) => t.table === "comments")!.records).toBeGreaterThan(300);
    const b = await exportTo(target, "b.tar", { tier: "full" });
    const [ea, eb] = [await readArchive(a.file), await readArchive(b.file)];
    expect([...eb.keys()]).toEqual([...ea.keys()]);
    for (const [name, body] of ea) {
      if (name === "manifest.json") {
        const strip = (m: Buffer) => ({ ...(JSON.parse(m.toString()) as Manifest), exported_at: "" });
        expect(strip(eb.get(name)!)).toEqual(strip(body));
      } else {
        expect(eb.get(name)!.equals(body), `${name} is identical`).toBe(true);
      }
    }
    // The restored public log is the same tamper-evident chain: it verifies, head included.
    const restored = await verifyAuditChain(target.db, { maxProblems: 5 });
    expect(restored.problems).toEqual([]);
    const original = await verifyAuditChain(source.db, { maxProblems: 5 });
    expect(restored.entries).toBe(original.entries);
    expect(restored.head).toEqual(original.head);
    expect(restored.entries, "the demo's log is not empty").toBeGreaterThan(10);
    // Counters continue after the restored rows: the next log entry does not collide, and it
    // links onto the restored head.
    await target.pool.query("insert into audit_log (action, target_type) values ('test.after_import', 'test')");
    const after = await verifyAuditChain(target.db, { maxProblems: 5 });
    expect(after.problems).toEqual([]);
    expect(after.head!.seq).toBe(original.head!.seq + 1);
  });

  it("refuses a database that is not empty, saying what it holds", async () => {
    const a = await exportTo(source, "c.tar", { tier: "full" });
    const target = source;
    const before = await countRows(target);
    await expect(importBundle(target.pool, a.file)).rejects.toThrow(/not empty \(it holds \d+ users/);
    expect(await countRows(target)).toBe(before);
  });

  it("carries password hashes only encrypted, and restores them with the passphrase", async () => {
    await expect(writeBundle(source.pool, { tier: "full", includeSecrets: true }, createWriteStream(path.join(dir, "x.tar")))).rejects.toThrow(/passphrase/);
    const plain = await readArchive((await exportTo(source, "plain.tar", { tier: "full" })).file);
    expect(plain.get("data/people/users.ndjson")!.toString()).not.toContain("$argon2");
    const enc = await exportTo(source, "enc.tar", { tier: "full", includeSecrets: true, passphrase: "correct horse battery staple" });
    expect((await readFile(enc.file)).toString("latin1")).not.toContain("argon2");
    const wrong = await scratch();
    await expectRefused(wrong, enc.file, /passphrase/, { passphrase: "not the right passphrase" });
    await expectRefused(wrong, enc.file, /encrypted/);
    const target = await scratch();
    await importBundle(target.pool, enc.file, { passphrase: "correct horse battery staple" });
    const [orig] = await source.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, "member1@commonplace.test"));
    const [restored] = await target.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, "member1@commonplace.test"));
    expect(restored!.h).toBe(orig!.h);
  });

  it("without secrets, restored members must reset their password (no hash can match)", async () => {
    const a = await exportTo(source, "nosecret.tar", { tier: "full" });
    const target = await scratch();
    await importBundle(target.pool, a.file);
    const rows = await target.db.select({ h: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((r) => r.h))).toEqual(new Set(["!"]));
  });
});

describe("damaged bundles are refused before anything is written", () => {
  let good: string;
  beforeAll(async () => {
    good = (await exportTo(source, "good.tar", { tier: "full" })).file;
  });

  it("one byte changed in a data file", async () => {
    const bytes = await readFile(good);
    const at = bytes.indexOf(Buffer.from("A waiting-list plan"));
    expect(at).toBeGreaterThan(0);
    bytes[at] = "a".charCodeAt(0);
    const file = path.join(dir, "tampered.tar");
    await writeFile(file, bytes);
    await expectRefused(await scratch(), file, /does not match its checksum/);
  });

  it("a record changed together with its checksum still has to match its schema", async () => {
    const entries = await readArchive(good);
    const name = "data/themes/themes.ndjson";
    const changed = Buffer.from(entries.get(name)!.toString().replace(/"position" : \d+/, '"position" : "first"'));
    entries.set(name, changed);
    const m = JSON.parse(entries.get("manifest.json")!.toString()) as Manifest;
    const f = m.files.find((x) => x.path === name)!;
    f.bytes = changed.length;
    f.sha256 = (await import("node:crypto")).createHash("sha256").update(changed).digest("hex");
    entries.set("manifest.json", Buffer.from(JSON.stringify(m)));
    const file = path.join(dir, "schema.tar");
    await writeArchive(file, entries);
    await expectRefused(await scratch(), file, /themes\.ndjson, record 1: position/);
  });

  it("a bundle from a newer format version", async () => {
    const entries = await readArchive(good);
    const m = JSON.parse(entries.get("manifest.json")!.toString()) as Manifest;
    entries.set("manifest.json", Buffer.from(JSON.stringify({ ...m, format_version: FORMAT_VERSION + 1 })));
    const file = path.join(dir, "newer.tar");
    await writeArchive(file, entries);
    await expectRefused(await scratch(), file, new RegExp(`format version ${FORMAT_VERSION + 1}, newer than this site reads`));
  });

  it("a truncated archive", async () => {
    const file = path.join(dir, "truncated.tar");
    await writeFile(file, await readFile(good));
    const size = (await readFile(file)).length;
    await truncate(file, Math.floor(size / 2));
    await expectRefused(await scratch(), file, /truncated|missing from the archive/);
  });

  it("a file that is not a bundle, and a public bundle", async () => {
    const file = path.join(dir, "junk.tar");
    await writeFile(file, "not a tar file at all");
    await expectRefused(await scratch(), file, /truncated|damaged|no manifest/);
    const pub = await exportTo(source, "pub-import.tar", { tier: "public" });
    await expectRefused(await scratch(), pub.file, /public bundle: only a full bundle/);
  });

  it("an archive entry with an unsafe name", async () => {
    const entries = await readArchive(good);
    entries.set("../escape.txt", Buffer.from("x"));
    const file = path.join(dir, "unsafe.tar");
    await writeArchive(file, entries);
    await expectRefused(await scratch(), file, /unsafe name/);
  });
});

describe("the public bundle", () => {
  it("holds nothing a visitor could not see", async () => {
    const s = await scratch(true);
    const db = s.db;
    // Plant a canary in every private place the demo has.
    const [pseudo] = await db.select({ id: users.id, name: users.displayName, pseudonym: users.pseudonym }).from(users).where(eq(users.usePseudonym, true));
    expect(pseudo, "the demo has a pseudonymous member").toBeTruthy();
    const [visibleComment] = await db
      .select({ id: comments.id })
      .from(comments)
      .innerJoin(papers, eq(papers.id, comments.paperId))
      .innerJoin(themes, eq(themes.id, papers.themeId))
      .where(and(eq(themes.discussionPublic, true), sql`${comments.hiddenAt} is null and ${comments.deletedAt} is null and ${papers.publishedVersion} > 0`))
      .limit(1);
    await db.update(comments).set({ authorId: pseudo!.id, body: "CANARY-VISIBLE-COMMENT", bodyHtml: "<p>CANARY-VISIBLE-COMMENT</p>" }).where(eq(comments.id, visibleComment!.id));
    await db.update(comments).set({ body: "CANARY-HIDDEN", bodyHtml: "<p>CANARY-HIDDEN</p>" }).where(isNotNull(comments.hiddenAt));
    const [membersOnly] = await db.select({ id: themes.id }).from(themes).where(eq(themes.discussionPublic, false));
    await db.execute(sql`update comments set body = 'CANARY-MEMBERS-ONLY', body_html = 'CANARY-MEMBERS-ONLY' where paper_id in (select id from papers where theme_id = ${membersOnly!.id})`);
    const membersOnlyCount = await db.execute(sql`select count(*)::int as n from comments where body = 'CANARY-MEMBERS-ONLY'`);
    expect((membersOnlyCount.rows[0] as { n: number }).n, "the demo has members-only discussion").toBeGreaterThan(0);
    await db.execute(sql`update papers set title = 'CANARY-WORKING-COPY' where published_version > 0`);
    await db.execute(sql`update papers set title = 'CANARY-UNPUBLISHED', summary = 'CANARY-UNPUBLISHED' where published_version = 0`);
    await db.update(facts).set({ statement: "CANARY-PROPOSED-FACT" }).where(eq(facts.status, "proposed"));
    await db.update(notifications).set({ title: "CANARY-NOTIFICATION" });
    const [synth] = await db.select({ id: syntheses.id }).from(syntheses).limit(1);
    if (synth) await db.insert(synthesisSuggestions).values({ synthesisId: synth.id, body: "CANARY-SUGGESTION", bodyHtml: "CANARY-SUGGESTION" });

    // The directory: one member lists themselves with a public name and public tags, and keeps
    // their bio to themselves and their region for members; another stays unlisted entirely.
    const [lister, unlisted] = await db.select({ id: users.id }).from(users).where(sql`${users.verifiedAt} is not null and ${users.suspendedAt} is null and ${users.usePseudonym} = false and not exists (select 1 from directory_profiles d where d.user_id = ${users.id})`).limit(2);
    await db.insert(directoryProfiles).values([
      { userId: lister!.id, listed: true, nameVisibility: "public", tags: ["canary-public-tag"], tagsText: "canary-public-tag", tagsVisibility: "public", bio: "CANARY-PRIVATE-BIO", bioVisibility: "only_me", region: "CANARY-MEMBERS-REGION", regionVisibility: "members", contactPreference: "CANARY-COUNCIL-CONTACT", contactVisibility: "council_curators" },
      { userId: unlisted!.id, listed: false, nameVisibility: "public", bio: "CANARY-UNLISTED-BIO", bioVisibility: "public" },
    ]);
    // Stories: each quoted in a public response; only the anonymous one, as its approved
    // redaction, may be public. The internal-only and the withdrawn ones must not be.
    const [storyTheme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.discussionPublic, true)).limit(1);
    const story = async (tag: string, levels: ConsentLevel[]) => {
      const [a] = await db
        .insert(anecdotes)
        .values({ authorId: lister!.id, themeId: storyTheme!.id, title: `CANARY-TITLE-${tag}`, body: `CANARY-BODY-${tag}`, redactedBody: `CANARY-REDACTED-${tag}`, redactionStatus: "approved", status: "accepted", occurredOn: "2026-03-14", place: `CANARY-PLACE-${tag}`, role: "subject", attestToken: randomUUID() })
        .returning({ id: anecdotes.id });
      let consentId = "";
      for (const [i, level] of levels.entries()) {
        const [c] = await db
          .insert(anecdoteConsents)
          .values({ anecdoteId: a!.id, memberId: lister!.id, change: i === 0 ? "grant" : level === "withdrawn" ? "withdraw" : "lower", level, wordingVersion: 1, wording: "test wording", createdAt: new Date(Date.now() - (levels.length - i) * 1000) })
          .returning({ id: anecdoteConsents.id });
        if (i === 0) consentId = c!.id;
      }
      await db.insert(anecdoteUses).values({ anecdoteId: a!.id, consentId, kind: "response_quote", targetId: randomUUID(), targetLabel: "A response", targetUrl: "/papers/x/response", levelUsed: "anonymous", usedBy: lister!.id });
    };
    await story("ANON", ["anonymous"]);
    await story("INTERNAL", ["internal"]);
    await story("WITHDRAWN", ["named", "withdrawn"]);

    const pub = await exportTo(s, "public.tar", { tier: "public" });
    expect(pub.manifest.tier).toBe("public");
    const entries = await readArchive(pub.file);
    const everything = [...entries].filter(([n]) => n.startsWith("data/")).map(([, b]) => b.toString()).join("\n");
    for (const canary of [
      "CANARY-HIDDEN", "CANARY-MEMBERS-ONLY", "CANARY-WORKING-COPY", "CANARY-UNPUBLISHED", "CANARY-PROPOSED-FACT", "CANARY-NOTIFICATION", "CANARY-SUGGESTION",
      "CANARY-PRIVATE-BIO", "CANARY-MEMBERS-REGION", "CANARY-COUNCIL-CONTACT", "CANARY-UNLISTED-BIO",
      "CANARY-BODY-", "CANARY-PLACE-", "CANARY-REDACTED-INTERNAL", "CANARY-REDACTED-WITHDRAWN", "CANARY-TITLE-INTERNAL", "CANARY-TITLE-WITHDRAWN",
    ]) {
      expect(everything, canary).not.toContain(canary);
    }
    expect(everything, "no e-mail address").not.toMatch(/@commonplace\.test|@example\.test/);
    expect(everything, "no password hash").not.toContain("argon2");
    expect(everything, "no real name of a pseudonymous member").not.toContain(pseudo!.name);
    // Positive controls: the test can fail the other way too.
    expect(everything).toContain("CANARY-VISIBLE-COMMENT");
    expect(everything).toContain(pseudo!.pseudonym!);
    expect(everything, "a public directory field is public").toContain("canary-public-tag");
    expect(everything, "an anonymous story quoted in public, as its redaction").toContain("CANARY-REDACTED-ANON");
    // The agreement map's votes ride along in Pol.is's formats, members only as Polis's small numbers.
    const votes = entries.get("map/health/votes.csv")?.toString() ?? "";
    expect(votes.split("\n")[0]).toMatch(/voter-id/);
    expect(votes.split("\n").length, "the demo's Health map has votes").toBeGreaterThan(100);
    expect(votes).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // Every record carries exactly the columns the public view names, and no private table is there at all.
    for (const [name, spec] of Object.entries(TABLES)) {
      const body = entries.get(`data/${spec.group}/${name}.ndjson`);
      if (!spec.public || spec.skip) {
        expect(body, `${name} is not in the public bundle`).toBeUndefined();
        continue;
      }
      expect(body, `${name} is in the public bundle`).toBeDefined();
      if (spec.public.columns === "all") continue;
      const allowed = Object.keys(spec.public.columns);
      for (const line of body!.toString().split("\n").filter(Boolean)) expect(Object.keys(JSON.parse(line))).toEqual(allowed);
    }
    // People appear only by id and public name, and only those public records name.
    const people = entries.get("data/people/users.ndjson")!.toString().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string });
    const total = ((await db.execute(sql`select count(*)::int as n from users`)).rows[0] as { n: number }).n;
    expect(people.length).toBeGreaterThan(0);
    expect(people.length).toBeLessThan(total);
  });
});

describe("the member-portable bundle", () => {
  it("holds the member's own data and nobody else's", async () => {
    const [me] = await source.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, "member1@commonplace.test"));
    const b = await exportTo(source, "member.tar", { tier: "member", memberId: me!.id });
    expect(b.manifest.member_id).toBe(me!.id);
    const entries = await readArchive(b.file);
    const userLines = entries.get("data/people/users.ndjson")!.toString().split("\n").filter(Boolean);
    expect(userLines).toHaveLength(1);
    expect(JSON.parse(userLines[0]!)).toMatchObject({ email: me!.email, password_hash: null });
    const all = [...entries].filter(([n]) => n.startsWith("data/")).map(([, v]) => v.toString()).join("\n");
    expect(all).not.toContain("member2@commonplace.test");
    const own = entries.get("data/discussion/comments.ndjson")!.toString().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { author_id: string });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.author_id === me!.id)).toBe(true);
  });
});

describe("the format's documentation", () => {
  // Every bundle's README.md and /open-data/format are rendered live, so they are exact; the committed
  // copy must at least document every table a bundle carries (regenerate: npx tsx scripts/open-data-docs.ts).
  it("docs/open-data.md documents every table a bundle carries, as the writer renders it", async () => {
    const client = await source.pool.connect();
    try {
      const rendered = renderFormatDoc(await readCatalog(client, exportedTables("full").map(([n]) => n)));
      const committed = await readFile("docs/open-data.md", "utf8");
      for (const [name] of exportedTables("full")) expect(committed, `docs/open-data.md documents ${name}`).toContain(`#### \`${name}\``);
      expect(committed.slice(0, 2000)).toBe(rendered.slice(0, 2000));
    } finally {
      client.release();
    }
  });
});
