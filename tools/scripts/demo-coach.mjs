// The demo coach through the API, for the scripts that measure the coach's pages (lighthouse.mjs,
// server-render-bound.mjs): signing in, and the paths of their first course, its first text lesson
// and its first quiz. COACH_EMAIL and COACH_PASSWORD name another coach.
export const EMAIL = process.env.COACH_EMAIL ?? 'coach@example.org';
const PASSWORD = process.env.COACH_PASSWORD ?? 'demo-password-2026';

/** Signs the coach in: the access token and the refresh cookie (`name=value`). */
export async function signIn(base) {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${EMAIL}: HTTP ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { accessToken } = await res.json();
  return { cookie, accessToken };
}

/** The coach's first enrolment: its course page, its first text lesson and its first quiz. */
export async function coursePaths(base) {
  const { accessToken } = await signIn(base);
  const headers = { authorization: `Bearer ${accessToken}` };
  const [first] = await (await fetch(`${base}/api/v1/me/enrolments`, { headers })).json();
  if (!first) throw new Error(`${EMAIL} has no enrolment`);
  const learner = await (await fetch(`${base}/api/v1/enrolments/${first.enrolmentId}`, { headers })).json();
  const lessons = { text: [], quiz: [] };
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.key === 'string' && node.kind in lessons) lessons[node.kind].push(node.key);
      Object.values(node).forEach(walk);
    }
  };
  walk(learner.course);
  if (!lessons.text.length || !lessons.quiz.length)
    throw new Error('the course lacks a text lesson or a quiz');
  const course = `/learn/${first.enrolmentId}`;
  return {
    course,
    text: `${course}/lessons/${lessons.text[0]}`,
    quiz: `${course}/lessons/${lessons.quiz[0]}`,
  };
}
