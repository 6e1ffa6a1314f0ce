// The coach's side of a practical task (`@tc/practice/web/hand-in`): what the lesson player shows
// for a `task` lesson, loaded on its own so that other lessons never download it.
export { TaskHandInComponent } from './lib/hand-in/task-hand-in.component';
