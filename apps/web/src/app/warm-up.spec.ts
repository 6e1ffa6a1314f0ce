import { warmUp } from './warm-up';

const mockLoaded: string[] = [];
jest.mock('@tc/learning/web/home', () => {
  mockLoaded.push('coach home section');
  return {};
});
jest.mock('@tc/learning/web', () => ({
  warmUpLearning: (path: string) => mockLoaded.push(`learning pages for ${path}`),
}));

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('warmUp (the first page downloads while Angular starts)', () => {
  beforeEach(() => {
    mockLoaded.length = 0;
    jest.resetModules();
    localStorage.clear();
  });

  it('asks for nothing without a session hint (a signed-out visitor gets the sign-in page)', async () => {
    warmUp('/');
    warmUp('/learn/0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d');
    await settle();
    expect(mockLoaded).toEqual([]);
  });

  it("with a session, loads the coach's home section on the home page", async () => {
    localStorage.setItem('tc.session', '1');
    warmUp('/');
    await settle();
    expect(mockLoaded).toEqual(['coach home section']);
  });

  it('with a session, loads the learning pages for a course or a lesson, nothing for other pages', async () => {
    localStorage.setItem('tc.session', '1');
    warmUp('/learn/0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d/lessons/m1-l1');
    warmUp('/cohorts');
    await settle();
    expect(mockLoaded).toEqual([
      'learning pages for /learn/0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d/lessons/m1-l1',
    ]);
  });
});
