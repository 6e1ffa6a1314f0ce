import { downloadJson, saveBlob } from './save-blob';

/** jsdom's Blob has no `text()`. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('saving a file', () => {
  let created: Blob[];
  let revoked: string[];
  let clicked: { href: string; download: string; attached: boolean }[];
  const realCreate = URL.createObjectURL;
  const realRevoke = URL.revokeObjectURL;

  beforeEach(() => {
    jest.useFakeTimers();
    created = [];
    revoked = [];
    clicked = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });
  });

  afterEach(() => {
    URL.createObjectURL = realCreate;
    URL.revokeObjectURL = realRevoke;
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('clicks a link to the blob under the name given, then removes it and frees the URL', () => {
    const blob = new Blob(['a;b'], { type: 'text/csv' });
    saveBlob(document, 'roster.csv', blob);
    expect(created).toEqual([blob]);
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'roster.csv', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(revoked).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('frees the URL later when asked', () => {
    saveBlob(document, 'report.xlsx', new Blob(['x']), 1_000);
    jest.advanceTimersByTime(999);
    expect(revoked).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('saves JSON indented by two spaces', async () => {
    downloadJson(document, 'course.json', { slug: 'c', n: [1] });
    expect(clicked.map((c) => c.download)).toEqual(['course.json']);
    expect(created[0].type).toBe('application/json');
    jest.advanceTimersByTime(0);
    expect(revoked).toEqual(['blob:test/1']);
    jest.useRealTimers();
    expect(await readText(created[0])).toBe('{\n  "slug": "c",\n  "n": [\n    1\n  ]\n}');
  });
});
