import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlRoutes } from './control-routes.js';
import type { Faults } from './faults.js';
import type { PlaybackRoutes } from './playback-routes.js';
import { sendText } from './reply.js';

export interface RequestHandlerDeps {
  control: ControlRoutes;
  playback: PlaybackRoutes;
  faults: Faults;
}

const IH = '([0-9a-fA-F]{40})';
const KEY = '([0-9a-fA-F]{1,64})';
const PLAYLIST = new RegExp(`^/ace/m/${IH}/${KEY}\\.m3u8$`);
const SEGMENT = new RegExp(`^/ace/c/${IH}/(\\d{1,12})\\.ts$`);
const STREAM = new RegExp(`^/ace/r/${IH}/${KEY}$`);
const STAT = new RegExp(`^/ace/stat/${IH}/${KEY}$`);
const COMMAND = new RegExp(`^/ace/cmd/${IH}/${KEY}$`);

export function createRequestHandler({ control, playback, faults }: RequestHandlerDeps) {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://engine');
    const path = url.pathname;
    const query = url.searchParams;
    let m: RegExpExecArray | null;
    if (faults.intercept(req, res, path)) return;
    if (path === '/ace/getstream') return control.start(req, res, query, 'ts');
    if (path === '/ace/manifest.m3u8') return control.start(req, res, query, 'hls');
    if ((m = PLAYLIST.exec(path))) return playback.playlist(req, res, m[1]!.toLowerCase(), m[2]!);
    if ((m = SEGMENT.exec(path))) return playback.segment(res, m[1]!.toLowerCase(), Number(m[2]));
    if ((m = STREAM.exec(path))) return playback.stream(res, m[1]!.toLowerCase(), m[2]!);
    if ((m = STAT.exec(path))) return control.stat(res, m[1]!.toLowerCase(), m[2]!, query);
    if ((m = COMMAND.exec(path))) return control.command(res, m[1]!.toLowerCase(), m[2]!, query);
    if (path === '/webui/api/service') return control.service(res, query);
    if (path.startsWith('/sim/')) return control.simulatorControl(req, res, path);
    sendText(res, 404, 'not found');
  }

  return function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const fail = () => {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    };
    try {
      route(req, res).catch(fail);
    } catch {
      fail();
    }
  };
}
