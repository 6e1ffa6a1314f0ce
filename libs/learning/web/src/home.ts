// A coach's section of the home page alone (`@tc/learning/web/home`): the next lesson, deadline and
// enrolments, without the learning pages the main entry brings (the lesson player among them).
export { CoachTodayComponent } from './lib/coach-today/coach-today.component';
