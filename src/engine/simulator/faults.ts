import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Misbehaviour on demand, for fault-injection tests. Each fault applies to requests whose path starts
 * with its scope (default: every engine path, never /sim/ control paths):
 * - garbage: 200 with bytes that are neither JSON nor M3U;
 * - html: 502 with an HTML error page, as a reverse proxy in front of a dead engine answers;
 * - stall: the request is accepted and never answered (no headers, ever);
 * - reset: segments and TS streams send part of their body, then the connection is reset.
 */
export type FaultKind = 'garbage' | 'html' | 'stall' | 'reset';

export interface Fault {
  kind: FaultKind;
  scope: string;
}

export function createFaults() {
  let fault: Fault | undefined;
  const stalled = new Set<ServerResponse>();

  return {
    set(kind: FaultKind | undefined, scope = '/') {
      fault = kind ? { kind, scope } : undefined;
      if (!kind) for (const res of stalled) res.destroy();
      if (!kind) stalled.clear();
    },
    get: () => fault,

    /** True when the fault answered (or swallowed) the request; the normal route must not run then. */
    intercept(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (!fault || path.startsWith('/sim/') || !path.startsWith(fault.scope)) return false;
      switch (fault.kind) {
        case 'garbage':
          res.writeHead(200, { 'Content-Type': 'text/plain' }).end('\u0000\u00ff<<garbage>> {not json');
          return true;
        case 'html':
          res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          return true;
        case 'stall':
          stalled.add(res);
          res.once('close', () => stalled.delete(res));
          return true;
        case 'reset':
          // Only bodies can be cut halfway; the rest answers normally.
          if (!/^\/ace\/(c|r)\//.test(path)) return false;
          res.writeHead(200, { 'Content-Type': 'video/mp2t', 'Content-Length': '1000000' });
          res.write(Buffer.alloc(188 * 20, 0x47), () => req.socket.resetAndDestroy());
          return true;
      }
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
