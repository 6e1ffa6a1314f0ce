// Starts the session refresh (the httpOnly refresh cookie → POST /api/v1/auth/refresh) while the
// app's scripts are still downloading, instead of after they ran: on a slow phone link that is one
// round trip less before the first page shows. A classic script (helmet's CSP forbids inline ones),
// emitted by the build as a `defer` script ahead of the app. The app takes this answer for its
// first refresh (apps/web/src/app/early-refresh.ts) and never sends a second one alongside, since
// a refresh token is single use. Without fetch, or when this file did not load, the app refreshes
// as before.
//
// The interface's texts are fetched at once too (see below).
//
// On a deep link into a course or a lesson (/learn/<enrolment>…), the course is then read at once
// with the fresh token, in the coach's language, rather than after the learning pages' code has
// downloaded and rendered; on the home page, a coach's enrolments and active courses likewise. The
// app takes each answer when it asks for the same address (window.tcEarlyReads), else it is simply
// not used.
(function () {
  if (typeof window.fetch !== 'function') return;
  function answer(res) {
    return res.text().then(function (body) {
      return { status: res.status, statusText: res.statusText, body: body };
    });
  }
  function unreachable() {
    return { status: 0, statusText: 'Unknown Error', body: '' };
  }
  // Only when this browser has reason to think it holds a session (the keys of libs/identity/web's
  // session-hint.ts): a signed-out visitor's page sends no refresh, so gets no 401 either.
  let maybeSignedIn = true;
  try {
    maybeSignedIn =
      window.localStorage.getItem('tc.session') !== null ||
      window.localStorage.getItem('tc.offline.me') !== null;
  } catch {
    // Storage disabled: ask, as the app does then.
  }
  if (maybeSignedIn) {
    window.tcEarlyRefresh = window
      .fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' })
      .then(answer, unreachable);
  }

  // The interface's texts, which the shell needs before it can render anything, in the language
  // remembered on this device (the LanguageService's choice and key; French otherwise): fetched
  // alongside the app's scripts rather than after them. The app's loader takes this answer when it
  // asks for the same file; a signed-in coach's account language, when it differs, is loaded after.
  let language = 'fr';
  try {
    const stored = window.localStorage.getItem('tc.language');
    if (stored === 'ar' || stored === 'en') language = stored;
  } catch {
    // Storage disabled: French, as the app decides then.
  }
  const texts = '/i18n/' + language + '.json';
  window.tcEarlyReads = window.tcEarlyReads || {};
  window.tcEarlyReads[texts] = window.fetch(texts, { credentials: 'same-origin' }).then(answer, unreachable);

  // What the first page will read with the fresh token, read at once instead of after the page's
  // code has downloaded and rendered: on a deep link into a course (/learn/<enrolment>…) that course,
  // on the home page a coach's enrolments and then their active courses (the "next step" card), in
  // the coach's language. The app takes each answer when it asks for the same address, else it is
  // simply not used.
  const path = window.location.pathname;
  const course = /^\/learn\/([0-9a-fA-F-]{36})(\/|$)/.exec(path);
  const home = path === '/';
  if ((!course && !home) || !window.tcEarlyRefresh) return;
  window.tcEarlyRefresh.then(function (refreshed) {
    if (refreshed.status !== 200) return;
    let session;
    try {
      session = JSON.parse(refreshed.body);
    } catch {
      return;
    }
    if (!session || !session.accessToken || !session.me) return;
    const init = { headers: { authorization: 'Bearer ' + session.accessToken }, credentials: 'same-origin' };
    const locale = encodeURIComponent(session.me.preferredLanguage);
    function read(url) {
      const answered = window.fetch(url, init).then(answer, unreachable);
      window.tcEarlyReads[url] = answered;
      return answered;
    }
    if (course) {
      read('/api/v1/enrolments/' + course[1] + '?locale=' + locale);
      return;
    }
    const roles = Array.isArray(session.me.roles) ? session.me.roles : [];
    if (
      !roles.some(function (r) {
        return r && r.role === 'coach';
      })
    )
      return;
    read('/api/v1/me/enrolments').then(function (enrolments) {
      if (enrolments.status !== 200) return;
      let list;
      try {
        list = JSON.parse(enrolments.body);
      } catch {
        return;
      }
      if (!Array.isArray(list)) return;
      // The home page loads every active course; the first few are read here, the rest by the app.
      list
        .filter(function (e) {
          return e && e.status === 'active' && /^[0-9a-fA-F-]{36}$/.test(e.enrolmentId);
        })
        .slice(0, 4)
        .forEach(function (e) {
          read('/api/v1/enrolments/' + e.enrolmentId + '?locale=' + locale);
        });
    });
  });
})();
