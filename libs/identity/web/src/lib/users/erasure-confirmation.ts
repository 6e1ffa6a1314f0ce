import type { ConfirmAdminActionData } from './confirm-admin-action.dialog';

/** The confirmation before an erasure: names the person, says it cannot be undone, takes no reason. */
export function eraseConfirmation(name: string): ConfirmAdminActionData {
  return {
    title: 'erasureRequests.confirm.title',
    message: 'erasureRequests.confirm.message',
    confirm: 'erasureRequests.confirm.submit',
    params: { name },
    withoutReason: true,
  };
}
