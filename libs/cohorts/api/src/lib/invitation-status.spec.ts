import { invitationState } from './invitation-status';

describe('the state of an invitation', () => {
  const later = new Date('2027-01-17T00:00:00Z');
  const usable = { expiresAt: later, usable: true, openedAt: null };

  it('is sent while its link is usable and was never opened', () => {
    expect(invitationState(null, usable)).toBe('sent');
  });

  it('is opened once the page of its usable link was loaded', () => {
    expect(invitationState(null, { ...usable, openedAt: new Date('2027-01-11T00:00:00Z') })).toBe('opened');
  });

  it('is expired when its link can no longer be used (past its date, or replaced), opened or not', () => {
    expect(invitationState(null, { ...usable, usable: false })).toBe('expired');
    expect(invitationState(null, { ...usable, usable: false, openedAt: new Date() })).toBe('expired');
    expect(invitationState(null, undefined)).toBe('expired');
  });

  it('is accepted once accepted, its link used up by then', () => {
    expect(invitationState(new Date('2027-01-12T00:00:00Z'), { ...usable, usable: false })).toBe('accepted');
  });
});
