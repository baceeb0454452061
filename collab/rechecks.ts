/**
 * Keeping sockets honest after the upgrade: every connected member's rights are read again
 * periodically, and at once for the members or theme a revocation names (announced by the web
 * app). Suspended or no longer allowed → closed; lost the right to write → closed, so that the
 * client reconnects read-only with a fresh token. Sockets that stop answering pings are dropped,
 * so their carets disappear.
 */
import type { Db } from "@/db";
import { CLOSE, type CollabMode } from "@/lib/collab/protocol";
import { currentRights } from "./rights";
import type { Conn, RevocationTarget } from "./types";

const PING_EVERY_MS = 30_000;

export class RightsRechecker {
  private running: Promise<void> | null = null;
  private readonly recheckTimer: NodeJS.Timeout;
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly conns: Set<Conn>,
    intervalMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.recheckTimer = setInterval(() => void this.recheckAll(), intervalMs);
    this.recheckTimer.unref();
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
    this.pingTimer.unref();
  }

  /** Every connected member, now (one run at a time). */
  recheckAll(): Promise<void> {
    return (this.running ??= this.recheck([...this.conns]).finally(() => (this.running = null)));
  }

  /** Only the sockets a revocation may concern. */
  async revoke(target: RevocationTarget): Promise<void> {
    const affected = [...this.conns].filter((c) => ("all" in target ? true : "userId" in target ? c.userId === target.userId : c.themeId === target.themeId));
    await this.recheck(affected);
  }

  stop(): void {
    clearInterval(this.recheckTimer);
    clearInterval(this.pingTimer);
  }

  private async recheck(list: Conn[]): Promise<void> {
    const byKey = new Map<string, Conn[]>();
    for (const c of list) {
      const key = `${c.userId} ${c.doc.name}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
    await Promise.all(
      [...byKey].map(async ([key, group]) => {
        const [userId, doc] = key.split(" ") as [string, string];
        let mode: CollabMode | null;
        try {
          mode = (await currentRights(this.db, userId, doc)).mode;
        } catch (e) {
          this.log(`could not re-check ${userId}: ${(e as Error).message}`);
          return;
        }
        for (const c of group) {
          if (mode === null) c.ws.close(CLOSE.forbidden, "Access withdrawn");
          else if (c.mode === "write" && mode === "read") c.ws.close(CLOSE.forbidden, "Now read-only");
        }
      }),
    );
  }

  private ping(): void {
    for (const c of this.conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}
