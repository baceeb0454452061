/**
 * The sidecar listens to PostgreSQL for what the web app announces (lib/collab/announce.ts): a
 * change of rights (recheck the sockets concerned at once) and a document the web app changed
 * itself (catch the loaded copy up from collab_updates). NOTIFY is delivered on commit and needs
 * no Redis. After the listening connection is lost and made again, every socket is rechecked and
 * every loaded document caught up, since notifications sent meanwhile are gone.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { DOCUMENT_CHANNEL, REVOCATION_CHANNEL, parseRevocationNotice } from "@/lib/collab/announce";
import { catchUp } from "./catch-up";
import type { CollabCore } from "./server";
import type { CollabExtension } from "./types";

export function pgNotifications(connectionString: string): (core: CollabCore) => CollabExtension {
  return (core) => new PgNotifications(core, connectionString);
}

class PgNotifications implements CollabExtension {
  readonly name = "postgres-notify";
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly listening: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly core: CollabCore,
    private readonly connectionString: string,
  ) {
    this.listening = new Promise((r) => (this.markReady = r));
    void this.connect(false);
  }

  private async connect(again: boolean): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (n) => this.onNotification(n.channel, n.payload ?? ""));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${REVOCATION_CHANNEL}`);
      await client.query(`listen ${DOCUMENT_CHANNEL}`);
      this.markReady();
      if (again) {
        void this.core.revoke({ all: true }, randomUUID());
        for (const doc of await this.core.registry.loaded()) void catchUp(this.core.db, this.core.registry, doc).catch(() => {});
      }
    } catch (e) {
      this.core.log(`could not listen to PostgreSQL: ${(e as Error).message}`);
      lost();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect(true);
    }, 500);
    this.retry.unref();
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === REVOCATION_CHANNEL) {
      const notice = parseRevocationNotice(payload);
      if (!notice) return;
      const { id, ...target } = notice;
      void this.core.revoke(target, id).catch((e: unknown) => this.core.log(`revocation failed: ${(e as Error).message}`));
    } else if (channel === DOCUMENT_CHANNEL) {
      let doc: string | null = null;
      try {
        doc = (JSON.parse(payload) as { doc?: unknown }).doc as string;
      } catch {
        return;
      }
      const loading = typeof doc === "string" ? this.core.registry.peek(doc) : null;
      void loading?.then((d) => catchUp(this.core.db, this.core.registry, d)).catch((e: unknown) => this.core.log(`catch-up failed: ${(e as Error).message}`));
    }
  }

  async destroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  ready(): Promise<void> {
    return this.listening;
  }
}
