// Starts the session refresh (the httpOnly refresh cookie → POST /api/v1/auth/refresh) while the
// app's scripts are still downloading, instead of after they ran: on a slow phone link that is one
// round trip less before the first page shows. A classic script (helmet's CSP forbids inline ones),
// emitted by the build as a `defer` script ahead of the app. The app takes this answer for its
// first refresh (apps/web/src/app/early-refresh.ts) and never sends a second one alongside, since
// a refresh token is single use. Without fetch, or when this file did not load, the app refreshes
// as before.
(function () {
  if (typeof window.fetch !== 'function') return;
  window.tcEarlyRefresh = window
    .fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then(
      function (res) {
        return res.text().then(function (body) {
          return { status: res.status, statusText: res.statusText, body: body };
        });
      },
      function () {
        return { status: 0, statusText: 'Unknown Error', body: '' };
      },
    );
})();
