import { csvCell, invitationLinksCsv, invitationLinksFilename } from './invitation-links-csv';

const headers = { name: 'Nom', email: 'Adresse e-mail', link: 'Lien', expiresAt: 'Expire le' };

describe('invitation links export', () => {
  it('is UTF-8 with a BOM, semicolon-separated, one CRLF line per link after the header', () => {
    const csv = invitationLinksCsv(
      [
        {
          invitationId: 'a',
          email: 'fatima@coop.ma',
          name: 'Fatima Zahra',
          url: 'https://tc.example.org/links/abc',
          expiresAt: new Date(2027, 0, 17, 9, 5).toISOString(),
          emailed: false,
        },
        {
          invitationId: 'b',
          email: 'new@coop.ma',
          name: null,
          url: 'https://tc.example.org/links/def',
          expiresAt: new Date(2027, 0, 17, 9, 5).toISOString(),
          emailed: false,
        },
      ],
      headers,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Nom;Adresse e-mail;Lien;Expire le',
      'Fatima Zahra;fatima@coop.ma;https://tc.example.org/links/abc;2027-01-17 09:05',
      ';new@coop.ma;https://tc.example.org/links/def;2027-01-17 09:05',
      '',
    ]);
  });

  it('neutralises formulas and quotes cells holding the separator, quotes or line breaks', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('Benali; Youssef')).toBe('"Benali; Youssef"');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell('بنعلي')).toBe('بنعلي');
  });

  it('names the file after the cohort and the day, in any script', () => {
    const day = new Date(2027, 2, 5, 12);
    expect(invitationLinksFilename('Oujda — hiver 2027', day)).toBe(
      'invitations-oujda-hiver-2027-2027-03-05.csv',
    );
    expect(invitationLinksFilename('فوج وجدة', day)).toBe('invitations-فوج-وجدة-2027-03-05.csv');
    expect(invitationLinksFilename('***', day)).toBe('invitations-2027-03-05.csv');
  });
});
