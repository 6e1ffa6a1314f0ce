// The roster's task column alone (`@tc/practice/web/roster`): what the app gives the cohorts' pages,
// without the practice screens' code.
export { rosterTaskStates } from './lib/data-access/roster-task-states';
