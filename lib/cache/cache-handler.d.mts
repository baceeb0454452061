export interface HandlerState {
  prefix: string;
  redis: { status: string } | null;
  pendingTags: Set<string>;
}
export function closeState(state: HandlerState): Promise<void>;
export function createState(url: string | undefined, prefix: string | undefined): HandlerState;
export function encode(value: unknown): { meta: string; html: string; rsc: Buffer; seg: string };
export function decode(parts: { meta: Buffer | string; html: Buffer | string; rsc: Buffer; seg: Buffer | string }): unknown;
export function expireTags(tags: string[]): Promise<void>;
export default class CacheHandler {
  constructor(options?: { state?: HandlerState });
  get(key: string, ctx: unknown): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, data: unknown, ctx: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
