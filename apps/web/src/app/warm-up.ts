import { hasSessionHint } from '@tc/identity/web';

/**
 * Starts downloading the code of the first page while Angular starts, for the pages a signed-in
 * coach reloads or bookmarks: the home page's coach section and the learning pages. Without it their
 * chunks are asked for only after bootstrap, the session and the router's first navigation, one
 * wave of imports after another on a phone's link. The same `import()`s as the routes make, so the
 * router then finds the modules loaded. A page without a session hint is the sign-in page: nothing
 * to warm.
 */
export function warmUp(pathname: string): void {
  if (!hasSessionHint()) return;
  if (pathname === '/') void import('@tc/learning/web/home').catch(() => undefined);
  else if (/^\/learn(\/|$)/.test(pathname))
    void import('@tc/learning/web').then((m) => m.warmUpLearning(pathname)).catch(() => undefined);
}
