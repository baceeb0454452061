import type { IncomingMessage } from "node:http";
import { PEER_HEADER } from "@/lib/security/client-ip";

/**
 * Writes the socket's peer address into PEER_HEADER, replacing anything the client sent under
 * that name: the one fact about a request a client cannot choose (see lib/security/client-ip.ts).
 */
export function stampPeer(req: IncomingMessage): void {
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
}
