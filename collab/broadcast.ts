/** Sending to a socket without letting a slow reader make the sidecar buffer without end. */
import { WebSocket } from "ws";
import type { Conn } from "./types";

/** Bytes waiting to be sent to one client before it is dropped as too slow. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function send(conn: Conn, message: Uint8Array): void {
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  // A client that stopped reading must not make us buffer without end; it resyncs when it returns.
  if (conn.ws.bufferedAmount > MAX_BUFFERED_BYTES) return conn.ws.terminate();
  conn.ws.send(message, (err) => {
    if (err) conn.ws.terminate();
  });
}
