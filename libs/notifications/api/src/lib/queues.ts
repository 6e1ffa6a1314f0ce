/** The queue whose jobs hand a new notification to the other channels (e-mail, Web Push). */
export const DELIVERY_QUEUE = 'notifications.deliver';
