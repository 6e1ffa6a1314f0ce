export * from './lib/language/language.service';
export * from './lib/localized-name/localized-name.pipe';
export * from './lib/problem/problem';
export * from './lib/problem/problem-message.component';
export * from './lib/action-link/action-link.component';
export * from './lib/dates/calendar-day';
