import { handInPhase } from './hand-in-phase';
import { recordingType } from '../ui/voice-recorder.component';

const base = { latest: null, queued: false, sending: false, online: true, hasDraft: false } as const;

describe('what the hand-in page says, step by step', () => {
  it('nothing yet, then a draft on the device', () => {
    expect(handInPhase(base)).toBe('new');
    expect(handInPhase({ ...base, hasDraft: true })).toBe('draft');
  });

  it('handed in: waiting to send while offline or not yet sending, sending once bytes go', () => {
    expect(handInPhase({ ...base, hasDraft: true, queued: true, online: false })).toBe('queued');
    expect(handInPhase({ ...base, hasDraft: true, queued: true })).toBe('queued');
    expect(handInPhase({ ...base, hasDraft: true, queued: true, sending: true })).toBe('sending');
    // The link dropped mid-send: waiting again, not "sending".
    expect(handInPhase({ ...base, hasDraft: true, queued: true, sending: true, online: false })).toBe(
      'queued',
    );
  });

  it('with the trainer, returned, revised on the device, passed', () => {
    expect(handInPhase({ ...base, latest: 'waiting' })).toBe('waiting');
    expect(handInPhase({ ...base, latest: 'returned' })).toBe('returned');
    expect(handInPhase({ ...base, latest: 'returned', hasDraft: true })).toBe('draft');
    expect(handInPhase({ ...base, latest: 'returned', hasDraft: true, queued: true })).toBe('queued');
    expect(handInPhase({ ...base, latest: 'passed' })).toBe('passed');
  });

  it('a withdrawn round leaves the page as before the first hand-in', () => {
    expect(handInPhase({ ...base, latest: 'withdrawn' })).toBe('new');
  });
});

describe('the recording format', () => {
  it('WebM with Opus where the browser records it, MP4 on Safari, else the browser’s own', () => {
    expect(recordingType(() => true)).toBe('audio/webm;codecs=opus');
    expect(recordingType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(recordingType(() => false)).toBe('');
  });
});
