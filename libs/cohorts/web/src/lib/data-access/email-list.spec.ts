import { splitEmails } from './email-list';

describe('splitEmails', () => {
  it('reads one address per line, ignoring blank lines and surrounding spaces', () => {
    expect(splitEmails('  a@example.org\r\n\n b@example.org  \n')).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
  });

  it('splits on commas, semicolons, spaces and tabs alike', () => {
    expect(splitEmails('a@example.org, b@example.org;c@example.org d@example.org\te@example.org')).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
      'd@example.org',
      'e@example.org',
    ]);
  });

  it('keeps each address once, the first spelling, whatever the case', () => {
    expect(splitEmails('Fatima@Coop.ma\nfatima@coop.ma; FATIMA@COOP.MA')).toEqual(['Fatima@Coop.ma']);
  });

  it('keeps the address of "Name <address>" entries pasted from a mail client', () => {
    expect(splitEmails('Fatima Zahra <fatima@coop.ma>, Youssef <youssef@coop.ma>')).toEqual([
      'fatima@coop.ma',
      'youssef@coop.ma',
    ]);
  });

  it('leaves what is not an address for the server to report', () => {
    expect(splitEmails('not-an-address; a@example.org')).toEqual(['not-an-address', 'a@example.org']);
  });

  it('gives nothing for empty text', () => {
    expect(splitEmails(' \n ,; ')).toEqual([]);
  });
});
