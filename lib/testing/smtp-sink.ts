/**
 * A real SMTP server on a free port that keeps what it receives (tests and bench/notify.ts).
 * `reject` decides per message whether to answer with a temporary failure, as a busy relay does.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SunkMail {
  to: string[];
  subject: string;
  raw: string;
  at: number;
}

export interface SmtpSink {
  url: string;
  messages: SunkMail[];
  /** Answer "451 try again later" while this returns true (given the recipients). */
  reject: ((to: string[]) => boolean) | null;
  /** Resolves once `n` messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const sink: SmtpSink = {
    url: "",
    messages: [],
    reject: null,
    waitFor(n, timeoutMs = 60_000) {
      if (sink.messages.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SMTP sink: ${sink.messages.length} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (sink.reject?.(to)) {
          const err = Object.assign(new Error("Try again later (test sink)"), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(raw)?.[1]?.replace(/\r\n[ \t]/g, " ") ?? "";
        sink.messages.push({ to, subject, raw, at: performance.now() });
        for (const w of waiters.filter((w) => sink.messages.length >= w.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}
