// The coach's hand-in outbox alone (`@tc/practice/web/outbox`): what the app starts with the learner's
// pages so that hand-ins queued offline go when the link returns, whichever page is open, without
// the hand-in screen's code.
export { HandInOutboxService } from './lib/data-access/hand-in-outbox.service';
