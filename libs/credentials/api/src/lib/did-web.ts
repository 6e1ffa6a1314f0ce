/**
 * The `did:web` of a public URL (did:web method, §3.1): the host, its port percent-encoded (`%3A`), then
 * each path segment after a `:`. `https://academy.example/tc` → `did:web:academy.example:tc`.
 */
export function didWebOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return ['did:web', host, ...path].join(':');
}

/** Where a `did:web` DID document lives: `/.well-known/did.json` for a bare host, else `<path>/did.json`. */
export function didWebDocumentUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const base = url.pathname.replace(/\/$/, '');
  return `${url.origin}${base ? `${base}/did.json` : '/.well-known/did.json'}`;
}
