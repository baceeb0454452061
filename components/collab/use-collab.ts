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
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { enableChunkedSync } from "@/lib/collab/chunked-sync";
import { TOKEN_PROTOCOL_PREFIX, type CollabMode } from "@/lib/collab/protocol";

export type CollabStatus = "connecting" | "connected" | "offline" | "forbidden";

export interface CollabState {
  ydoc: Y.Doc;
  /** Made before the provider, so the editor's carets can bind to it while the token is on its way. */
  awareness: Awareness;
  provider: WebsocketProvider | null;
  status: CollabStatus;
  /** Read-only until the sidecar has accepted a write token. */
  mode: CollabMode;
  /** The server's copy has been merged into ours at least once on this connection. */
  synced: boolean;
  /** Local edits are in IndexedDB. */
  savedLocally: boolean;
  /** A change too large to send (over the sidecar's 1 MB frame cap even in parts); it stays on this device. */
  tooLarge: boolean;
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
  const [awareness] = useState(() => new Awareness(ydoc));
  const [state, setState] = useState<Omit<CollabState, "ydoc" | "awareness">>({ provider: null, status: "connecting", mode: "read", synced: false, savedLocally: false, tooLarge: false });

  useEffect(() => {
    let disposed = false;
    let provider: WebsocketProvider | null = null;
    let ticketAt = 0;
    let retry = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const update = (patch: Partial<Omit<CollabState, "ydoc" | "awareness">>) => !disposed && setState((s) => ({ ...s, ...patch }));

    awareness.setLocalStateField("user", user);
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
      const p = new WebsocketProvider(ticket.url, doc, ydoc, { protocols, awareness });
      provider = p;
      // Hours of offline edits go out in parts under the frame cap, instead of one frame refused forever.
      enableChunkedSync(p, { onOversized: () => update({ tooLarge: true }) });
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

    // The browser knows before the socket does (a dead socket can look open for a while): stop
    // sending, keep edits in IndexedDB, and come back with a fresh token when the network returns.
    const goOffline = () => {
      provider?.disconnect();
      update({ status: "offline", synced: false });
    };
    const goOnline = () => {
      retry = 0;
      void connect();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider?.destroy();
      void local.destroy();
    };
    // The user's name and colour are read once per connection; a change of document starts over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ydoc, awareness]);

  // The Y.Doc is not destroyed on unmount: React may run the effect again with the same state
  // (strict mode, fast refresh), and the provider and IndexedDB binding above are what hold it.

  return { ydoc, awareness, ...state };
}
