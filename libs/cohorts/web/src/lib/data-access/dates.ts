/** A calendar date `YYYY-MM-DD` in the interface language (medium style, without Intl's start-up cost). */
export { formatCalendarDay as formatDay } from '@tc/shared/ui';
