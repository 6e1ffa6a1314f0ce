import { InjectionToken, type Signal, signal } from '@angular/core';

/**
 * Whether the current person may edit the territory tree (admins). Territories know nothing of
 * identity: the app provides this from the signed-in user's roles.
 */
export const CAN_EDIT_TERRITORIES = new InjectionToken<Signal<boolean>>('CAN_EDIT_TERRITORIES', {
  factory: () => signal(false),
});
