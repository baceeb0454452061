"use client";

/**
 * The browser side of co-editing one document: a Y.Doc kept in IndexedDB (so edits typed offline
 * or while the sidecar is down survive a reload and are merged on reconnect) and a y-websocket
 * provider authorised with a fresh 60-second token from /api/collab/token, carried as a websocket
 * subprotocol so it never lands in a URL or a log. On a 44xx close (token expired, rights changed)
 * it fetches a new token, which may now be read-only, and reconnects with backoff.
 */
import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { TOKEN_PROTOCOL_PREFIX, type CollabMode } from "@/lib/collab/protocol";

export type CollabStatus = "connecting" | "connected" | "offline" | "forbidden";

export interface CollabState {
  ydoc: Y.Doc;
  provider: WebsocketProvider | null;
  status: CollabStatus;
  /** Read-only until the sidecar has accepted a write token. */
  mode: CollabMode;
  /** The server's copy has been merged into ours at least once on this connection. */
  synced: boolean;
  /** Local edits are in IndexedDB. */
  savedLocally: boolean;
}

interface Ticket {
  token: string;
  mode: CollabMode;
  url: string;
}

async function fetchTicket(doc: string): Promise<Ticket | { error: number }> {
  try {
    const res = await fetch("/api/collab/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ doc }),
      cache: "no-store",
    });
    if (!res.ok) return { error: res.status };
    return (await res.json()) as Ticket;
  } catch {
    return { error: 0 };
  }
}

/** Tokens live 60 s; refresh a little before, since a reconnect must present a valid one. */
const TOKEN_FRESH_MS = 45_000;

export function useCollab(doc: string, user: { name: string; color: string }): CollabState {
  const [ydoc] = useState(() => new Y.Doc());
  const [state, setState] = useState<Omit<CollabState, "ydoc">>({ provider: null, status: "connecting", mode: "read", synced: false, savedLocally: false });

  useEffect(() => {
    let disposed = false;
    let provider: WebsocketProvider | null = null;
    let ticketAt = 0;
    let retry = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const update = (patch: Partial<Omit<CollabState, "ydoc">>) => !disposed && setState((s) => ({ ...s, ...patch }));

    const local = new IndexeddbPersistence(`commonplace:${doc}`, ydoc);
    local.on("synced", () => update({ savedLocally: true }));

    async function refreshTicket(): Promise<Ticket | null> {
      const ticket = await fetchTicket(doc);
      if (disposed) return null;
      if ("error" in ticket) {
        // 401/403: signed out or no longer allowed to read; anything else: try again later.
        if (ticket.error === 401 || ticket.error === 403) update({ status: "forbidden" });
        else update({ status: "offline" });
        return null;
      }
      ticketAt = Date.now();
      update({ mode: ticket.mode });
      return ticket;
    }

    /** Backoff, then a fresh token, then (re)connect: the provider is made on the first success. */
    function scheduleReconnect() {
      if (disposed) return;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void connect(), Math.min(30_000, 500 * 2 ** retry++));
    }

    async function connect() {
      const ticket = await refreshTicket();
      if (disposed) return;
      if (!ticket) return scheduleReconnect();
      const protocols = [`${TOKEN_PROTOCOL_PREFIX}${ticket.token}`];
      if (provider) {
        provider.protocols = protocols;
        provider.connect();
        return;
      }
      const p = new WebsocketProvider(ticket.url, doc, ydoc, { protocols });
      provider = p;
      p.awareness.setLocalStateField("user", user);
      p.on("status", ({ status }) => update({ status: status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline" }));
      p.on("sync", (isSynced: boolean) => {
        update({ synced: isSynced });
        if (isSynced) retry = 0;
      });
      // Before the provider's own reconnect, make sure the token it will present is fresh.
      p.on("connection-close", () => {
        update({ synced: false });
        if (Date.now() - ticketAt > TOKEN_FRESH_MS) {
          void refreshTicket().then((t) => {
            if (t) p.protocols = [`${TOKEN_PROTOCOL_PREFIX}${t.token}`];
          });
        }
      });
      // 44xx: the sidecar closed us on purpose (rights changed, e.g. now read-only). New token, then back.
      p.on("closed", () => scheduleReconnect());
      update({ provider: p });
    }
    void connect();

    const goOffline = () => update({ status: "offline" });
    window.addEventListener("offline", goOffline);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      window.removeEventListener("offline", goOffline);
      provider?.destroy();
      void local.destroy();
    };
    // The user's name and colour are read once per connection; a change of document starts over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ydoc]);

  useEffect(() => () => ydoc.destroy(), [ydoc]);

  return { ydoc, ...state };
}
