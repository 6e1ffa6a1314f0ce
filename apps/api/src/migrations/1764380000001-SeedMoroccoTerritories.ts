import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

type Node = [code: string | null, level: string, fr: string, ar: string, en: string, children?: Node[]];

/** Reference data: Africa › Morocco › its 12 regions (ISO 3166-2 MA-01…MA-12) › L'Oriental's prefecture and provinces. */
const TREE: Node = [
  null,
  'root',
  'Afrique',
  'أفريقيا',
  'Africa',
  [
    [
      'MA',
      'country',
      'Maroc',
      'المغرب',
      'Morocco',
      [
        ['MA-01', 'region', 'Tanger-Tétouan-Al Hoceïma', 'طنجة تطوان الحسيمة', 'Tanger-Tetouan-Al Hoceima'],
        [
          'MA-02',
          'region',
          "L'Oriental",
          'الشرق',
          'Oriental',
          [
            ['MA-OUJ', 'province', 'Oujda-Angad', 'وجدة أنجاد', 'Oujda-Angad'],
            ['MA-BER', 'province', 'Berkane', 'بركان', 'Berkane'],
            ['MA-DRI', 'province', 'Driouch', 'الدريوش', 'Driouch'],
            ['MA-FIG', 'province', 'Figuig', 'فجيج', 'Figuig'],
            ['MA-GUF', 'province', 'Guercif', 'جرسيف', 'Guercif'],
            ['MA-JRA', 'province', 'Jerada', 'جرادة', 'Jerada'],
            ['MA-NAD', 'province', 'Nador', 'الناظور', 'Nador'],
            ['MA-TAI', 'province', 'Taourirt', 'تاوريرت', 'Taourirt'],
          ],
        ],
        ['MA-03', 'region', 'Fès-Meknès', 'فاس مكناس', 'Fez-Meknes'],
        ['MA-04', 'region', 'Rabat-Salé-Kénitra', 'الرباط سلا القنيطرة', 'Rabat-Sale-Kenitra'],
        ['MA-05', 'region', 'Béni Mellal-Khénifra', 'بني ملال خنيفرة', 'Beni Mellal-Khenifra'],
        ['MA-06', 'region', 'Casablanca-Settat', 'الدار البيضاء سطات', 'Casablanca-Settat'],
        ['MA-07', 'region', 'Marrakech-Safi', 'مراكش آسفي', 'Marrakesh-Safi'],
        ['MA-08', 'region', 'Drâa-Tafilalet', 'درعة تافيلالت', 'Draa-Tafilalet'],
        ['MA-09', 'region', 'Souss-Massa', 'سوس ماسة', 'Souss-Massa'],
        ['MA-10', 'region', 'Guelmim-Oued Noun', 'كلميم واد نون', 'Guelmim-Oued Noun'],
        ['MA-11', 'region', 'Laâyoune-Sakia El Hamra', 'العيون الساقية الحمراء', 'Laayoune-Sakia El Hamra'],
        ['MA-12', 'region', 'Dakhla-Oued Ed-Dahab', 'الداخلة وادي الذهب', 'Dakhla-Oued Ed-Dahab'],
      ],
    ],
  ],
];

export class SeedMoroccoTerritories1764380000001 implements MigrationInterface {
  name = 'SeedMoroccoTerritories1764380000001';

  async up(q: QueryRunner): Promise<void> {
    const insert = async (
      [code, level, fr, ar, en, children]: Node,
      parent: { id: string; path: string; depth: number } | null,
    ) => {
      const id = randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      await q.query(
        `INSERT INTO "territories" ("id","parent_id","level","code","name_fr","name_ar","name_en","path","depth")
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [id, parent?.id ?? null, level, code, fr, ar, en, path, depth],
      );
      for (const child of children ?? []) await insert(child, { id, path, depth });
    };
    await insert(TREE, null);
  }

  async down(q: QueryRunner): Promise<void> {
    // Children first: delete by depth, deepest first, only the reference rows (by code) and the root.
    await q.query(`DELETE FROM "territories" WHERE "code" LIKE 'MA-%' AND "code" NOT LIKE 'MA-__'`);
    await q.query(`DELETE FROM "territories" WHERE "code" LIKE 'MA-__'`);
    await q.query(`DELETE FROM "territories" WHERE "code" = 'MA'`);
    await q.query(`DELETE FROM "territories" WHERE "level" = 'root' AND "name_en" = 'Africa'`);
  }
}
