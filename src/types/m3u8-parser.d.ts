// m3u8-parser ships no types; this covers the part we read.
declare module 'm3u8-parser' {
  export interface ParsedSegment {
    uri: string;
    duration: number;
    discontinuity?: boolean;
  }
  export interface ParsedVariant {
    uri: string;
    attributes: Record<string, unknown> & { BANDWIDTH?: number };
  }
  export interface ParsedManifest {
    segments: ParsedSegment[];
    playlists?: ParsedVariant[];
    mediaSequence?: number;
    discontinuitySequence?: number;
    targetDuration?: number;
    endList?: boolean;
  }
  export class Parser {
    manifest: ParsedManifest;
    push(chunk: string): void;
    end(): void;
  }
}
