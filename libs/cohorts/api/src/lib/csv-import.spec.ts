import { neutraliseCell, parseEnrolmentCsv } from './csv-import';

describe('enrolment CSV', () => {
  it('reads comma files with a BOM and semicolon files alike', () => {
    const comma = parseEnrolmentCsv(
      '\uFEFFemail,full name,territory code,preferred language\nA@Coop.ma,Amina,ma-ber,AR\n',
    );
    const semi = parseEnrolmentCsv(
      'Courriel;Nom complet;Code territoire;Langue\r\na@coop.ma;Amina;MA-BER;ar\r\n',
    );
    const expected = [
      { line: 2, email: 'a@coop.ma', fullName: 'Amina', territoryCode: 'MA-BER', preferredLanguage: 'ar' },
    ];
    expect(comma).toEqual({ people: expected, problems: [], rows: 1 });
    expect(semi).toEqual({ people: expected, problems: [], rows: 1 });
  });

  it('keeps commas inside quoted names', () => {
    const parsed = parseEnrolmentCsv('email,full name,territory code\nb@coop.ma,"El Idrissi, Omar",MA-NAD\n');
    expect(parsed.people[0]?.fullName).toBe('El Idrissi, Omar');
  });

  it('reports every bad row with its line, field, code and the cell, defaulting the language to French', () => {
    const parsed = parseEnrolmentCsv(
      [
        'email,full name,territory code,preferred language',
        'ok@coop.ma,Ok,MA-02,',
        'not-an-email,X,MA-02,fr',
        'dup@coop.ma,A,MA-02,en',
        'DUP@coop.ma,B,MA-02,en',
        'z@coop.ma,,,de',
      ].join('\n'),
    );
    expect(parsed.rows).toBe(5);
    expect(parsed.people.map((p) => [p.line, p.email, p.preferredLanguage])).toEqual([
      [2, 'ok@coop.ma', 'fr'],
      [4, 'dup@coop.ma', 'en'],
    ]);
    expect(parsed.problems).toEqual([
      {
        line: 3,
        field: 'email',
        message: '"not-an-email" is not an e-mail address',
        code: 'invalid-email',
        params: { value: 'not-an-email' },
      },
      {
        line: 5,
        field: 'email',
        message: 'Duplicate in the file: dup@coop.ma is already on line 4',
        code: 'duplicate-in-file',
        params: { value: 'dup@coop.ma', firstLine: 4 },
      },
      { line: 6, field: 'fullName', message: 'The full name is missing', code: 'required' },
      { line: 6, field: 'territoryCode', message: 'The territory code is missing', code: 'required' },
      {
        line: 6,
        field: 'preferredLanguage',
        message: '"de" is not one of fr, ar, en',
        code: 'not-allowed',
        params: { value: 'de', allowed: ['fr', 'ar', 'en'] },
      },
    ]);
  });

  it('cleans names as everywhere else (bidi controls, zero-width characters, spaces), and refuses blank ones', () => {
    const parsed = parseEnrolmentCsv(
      [
        'email,full name,territory code',
        'a@coop.ma,\u202EAmina\u202C \u200B  El Idrissi,MA-02',
        'b@coop.ma,\u200B\u2066\u2069,MA-02',
        'c@coop.ma,. \u00A0.,MA-02',
      ].join('\n'),
    );
    expect(parsed.people.map((p) => p.fullName)).toEqual(['Amina El Idrissi']);
    expect(parsed.problems).toEqual([
      { line: 3, field: 'fullName', message: 'The full name is missing', code: 'required' },
      {
        line: 4,
        field: 'fullName',
        message: 'The full name has no visible letter or digit',
        code: 'no-visible-character',
      },
    ]);
  });

  it('counts lines as the file does, blank lines included', () => {
    const parsed = parseEnrolmentCsv('email,full name,territory code\n\na@coop.ma,A,MA-02\n\nbad,B,MA-02\n');
    expect(parsed.problems).toEqual([
      {
        line: 5,
        field: 'email',
        message: '"bad" is not an e-mail address',
        code: 'invalid-email',
        params: { value: 'bad' },
      },
    ]);
  });

  it('says which required column is missing', () => {
    expect(parseEnrolmentCsv('mail,langue\nx@y.ma,fr\n').problems.map((p) => [p.field, p.code])).toEqual([
      ['fullName', 'csv-column-missing'],
      ['territoryCode', 'csv-column-missing'],
    ]);
    expect(parseEnrolmentCsv('').problems.map((p) => p.code)).toEqual(['csv-empty']);
    expect(
      parseEnrolmentCsv('email;full name;territory code;preferred language\n').problems.map((p) => p.code),
    ).toEqual(['csv-empty']);
  });

  it('neutralises formula cells', () => {
    expect(['=1+1', '+33', '-2', '@SUM(A1)', '\tx', 'Amina', ''].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+33",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'Amina',
      '',
    ]);
  });
});
