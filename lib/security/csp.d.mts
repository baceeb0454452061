export function contentSecurityPolicy(opts: { scriptSources: string[]; dev?: boolean; collab?: string }): string;
export function collabOrigin(): string;
export function noncePolicy(nonce: string): string;
export function inlineScriptHashes(html: string): string[];
export function hashPolicy(html: string): string;
