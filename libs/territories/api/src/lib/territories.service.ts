import { ForbiddenException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ISO_CODED_LEVELS,
  ISO_TERRITORY_CODE,
  LOCALES,
  TERRITORY_LEVELS,
  type FieldError,
  type Locale,
  type LocalizedName,
  type Territory,
  type TerritoryDetail,
  type TerritoryLevel,
} from '@tc/shared/contracts';
import { AuthPrincipal, coversTerritory, ProblemException, validationProblem } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { TerritoryEntity } from './entities/territory.entity';
import type { CreateTerritoryDto, SearchTerritoriesQueryDto, UpdateTerritoryDto } from './dto/territory.dto';

function toTerritory(t: TerritoryEntity, childCount: number): Territory {
  return {
    id: t.id,
    parentId: t.parentId,
    level: t.level,
    code: t.code,
    name: { fr: t.nameFr, ar: t.nameAr, en: t.nameEn },
    childCount,
  };
}

/** Where a missing name is taken from, in order: French and English read Latin script first. */
const FALLBACK: Record<Locale, Locale[]> = { fr: ['en', 'ar'], ar: ['fr', 'en'], en: ['fr', 'ar'] };

/**
 * The names a territory is saved with. Above the commune every language is required (the reference
 * regions and provinces have official names in all three); a commune needs one, and an empty language
 * takes another's name ({@link FALLBACK}), so every reader still finds a name in their language.
 */
export function namesForLevel(
  level: TerritoryLevel,
  given: Partial<LocalizedName>,
): { name: LocalizedName } | { errors: FieldError[] } {
  const present = (l: Locale) => (given[l] ?? '').trim();
  if (ISO_CODED_LEVELS.includes(level)) {
    const errors = LOCALES.filter((l) => !present(l)).map((l): FieldError => ({
      field: `name.${l}`,
      message: `A ${level} needs a name in every language`,
      code: 'required',
    }));
    if (errors.length) return { errors };
  }
  if (!LOCALES.some((l) => present(l)))
    return {
      errors: [{ field: 'name.fr', message: 'Give the name in at least one language', code: 'required' }],
    };
  const name = { fr: present('fr'), ar: present('ar'), en: present('en') };
  for (const l of LOCALES) if (!name[l]) name[l] = FALLBACK[l].map((f) => present(f)).find(Boolean) as string;
  return { name };
}

/** Lower-case without accents, as SQL and JS both spell it: "Saïdia" and "saidia" meet. */
const ACCENTED = 'áàâäãåāçéèêëēíìîïīñóòôöõōúùûüūýÿÁÀÂÄÃÅĀÇÉÈÊËĒÍÌÎÏĪÑÓÒÔÖÕŌÚÙÛÜŪÝ';
const PLAIN = 'aaaaaaaceeeeeiiiiinoooooouuuuuyyaaaaaaaceeeeeiiiiinoooooouuuuuy';
const foldSql = (expr: string) => `translate(lower(${expr}), '${ACCENTED}', '${PLAIN}')`;
export function foldText(text: string): string {
  return [...text.toLowerCase()].map((c) => PLAIN[ACCENTED.indexOf(c)] ?? c).join('');
}

/** Ids along a materialized path, root first. */
export function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

@Injectable()
export class TerritoriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Children of a territory, or the roots; ordered by French name. */
  async list(parentId?: string): Promise<Territory[]> {
    if (parentId) await this.require(parentId);
    const qb = this.dataSource
      .getRepository(TerritoryEntity)
      .createQueryBuilder('t')
      .addSelect(
        (sub) => sub.select('count(*)::int').from(TerritoryEntity, 'c').where('c.parent_id = t.id'),
        'child_count',
      )
      .orderBy('t.name_fr', 'ASC');
    if (parentId) qb.where('t.parent_id = :parentId', { parentId });
    else qb.where('t.parent_id IS NULL');
    const { entities, raw } = await qb.getRawAndEntities<{ child_count: number }>();
    return entities.map((t, i) => toTerritory(t, Number(raw[i]?.child_count ?? 0)));
  }

  async detail(id: string): Promise<TerritoryDetail> {
    const t = await this.require(id);
    const ancestorIds = idsOfPath(t.path).slice(0, -1);
    const ancestors = ancestorIds.length
      ? await this.dataSource
          .getRepository(TerritoryEntity)
          .find({ where: { id: In(ancestorIds) }, order: { depth: 'ASC' } })
      : [];
    const counts = await this.childCounts([t.id, ...ancestors.map((a) => a.id)]);
    return {
      ...toTerritory(t, counts.get(t.id) ?? 0),
      ancestors: ancestors.map((a) => toTerritory(a, counts.get(a.id) ?? 0)),
    };
  }

  /**
   * Territories whose name in any language (accents and case ignored) holds `q`, or whose code starts
   * with it; within a subtree when asked. Each comes with its ancestors so that a person can tell two
   * places of the same name apart. The shallowest and then alphabetical first, at most 20.
   */
  async search(query: SearchTerritoriesQueryDto): Promise<TerritoryDetail[]> {
    const within = query.within ? await this.require(query.within) : null;
    const like = `%${foldText(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const prefix = `${query.q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const matches = await this.dataSource
      .getRepository(TerritoryEntity)
      .createQueryBuilder('t')
      .where(
        `(${foldSql('t.name_fr')} LIKE :like OR ${foldSql('t.name_en')} LIKE :like OR t.name_ar LIKE :like
          OR t.code LIKE :prefix)`,
        { like, prefix },
      )
      .andWhere(within ? 't.path LIKE :subtree' : 'TRUE', { subtree: `${within?.path ?? ''}%` })
      .orderBy('t.depth', 'ASC')
      .addOrderBy('t.name_fr', 'ASC')
      .limit(20)
      .getMany();
    if (!matches.length) return [];
    const ancestorIds = [...new Set(matches.flatMap((m) => idsOfPath(m.path).slice(0, -1)))];
    const ancestors = new Map(
      (ancestorIds.length
        ? await this.dataSource.getRepository(TerritoryEntity).find({ where: { id: In(ancestorIds) } })
        : []
      ).map((a) => [a.id, a]),
    );
    const counts = await this.childCounts([...matches.map((m) => m.id), ...ancestors.keys()]);
    const shown = (t: TerritoryEntity) => toTerritory(t, counts.get(t.id) ?? 0);
    return matches.map((m) => ({
      ...shown(m),
      ancestors: idsOfPath(m.path)
        .slice(0, -1)
        .map((id) => ancestors.get(id))
        .filter((a): a is TerritoryEntity => !!a)
        .map(shown),
    }));
  }

  /** The territory or a 404 problem. */
  async require(id: string, manager: EntityManager = this.dataSource.manager): Promise<TerritoryEntity> {
    const t = await manager.findOne(TerritoryEntity, { where: { id } });
    if (!t)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'territory-not-found',
        'Territory not found',
        `No territory with id ${id}.`,
      );
    return t;
  }

  /** Materialized paths of several territories, for scope checks by other domains. */
  async pathsOf(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await manager
      .getRepository(TerritoryEntity)
      .find({ where: { id: In(ids) }, select: { id: true, path: true } });
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** Names and paths of several territories, for other domains' listings. */
  async summaries(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { name: LocalizedName; path: string; code: string | null }>> {
    if (!ids.length) return new Map();
    const rows = await manager.getRepository(TerritoryEntity).find({ where: { id: In([...new Set(ids)]) } });
    return new Map(
      rows.map((r) => [
        r.id,
        { name: { fr: r.nameFr, ar: r.nameAr, en: r.nameEn }, path: r.path, code: r.code },
      ]),
    );
  }

  /** Ids of the territories with these ISO codes (upper-case), for imports that name territories by code. */
  async idsByCode(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.dataSource
      .getRepository(TerritoryEntity)
      .find({ where: { code: In([...new Set(codes)]) }, select: { id: true, code: true } });
    return new Map(rows.map((r) => [r.code as string, r.id]));
  }

  /** Whether `territoryId` lies in the subtree of `ancestorId` (itself included). */
  async isWithin(territoryId: string, ancestorId: string): Promise<boolean> {
    const paths = await this.pathsOf([territoryId, ancestorId]);
    const inner = paths.get(territoryId);
    const outer = paths.get(ancestorId);
    return !!inner && !!outer && inner.startsWith(outer);
  }

  async create(principal: AuthPrincipal, dto: CreateTerritoryDto): Promise<Territory> {
    return this.dataSource.transaction(async (manager) => {
      const parent = await this.requireField(manager, dto.parentId, 'parentId');
      this.assertAdminCovers(principal, parent);
      this.assertLevelBelow(parent, dto.level);
      const name = this.requireNames(dto.level, dto.name);
      this.assertCodeFits(dto.level, dto.code ?? null);
      await this.assertCodeFree(manager, dto.code ?? null);
      const repo = manager.getRepository(TerritoryEntity);
      const created = repo.create({
        parentId: parent.id,
        level: dto.level,
        code: dto.code ?? null,
        nameFr: name.fr,
        nameAr: name.ar,
        nameEn: name.en,
        path: 'pending',
        depth: parent.depth + 1,
      });
      const saved = await repo.save(created);
      saved.path = `${parent.path}${saved.id}/`;
      await repo.update(saved.id, { path: saved.path });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'territory.created',
        subjectType: 'territory',
        subjectId: saved.id,
        territoryId: saved.id,
        details: { level: saved.level, code: saved.code, parentId: parent.id },
      });
      return toTerritory(saved, 0);
    });
  }

  /** Rename, recode or move a territory; a move carries the whole subtree and may not create a cycle. */
  async update(principal: AuthPrincipal, id: string, dto: UpdateTerritoryDto): Promise<Territory> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(TerritoryEntity);
      const t = await this.require(id, manager);
      this.assertAdminCovers(principal, t);
      const changed: string[] = [];
      const previousCode = t.code;
      if (dto.code !== undefined && dto.code !== t.code) {
        this.assertCodeFits(t.level, dto.code);
        await this.assertCodeFree(manager, dto.code);
        t.code = dto.code;
        changed.push('code');
      }
      if (dto.name) {
        const before = { fr: t.nameFr, ar: t.nameAr, en: t.nameEn };
        const given = Object.fromEntries(
          LOCALES.filter((l) => dto.name?.[l] !== undefined).map((l) => [l, dto.name?.[l]]),
        );
        const name = this.requireNames(t.level, { ...before, ...given });
        t.nameFr = name.fr;
        t.nameAr = name.ar;
        t.nameEn = name.en;
        changed.push(...LOCALES.filter((l) => name[l] !== before[l]).map((l) => `name.${l}`));
      }
      if (changed.length) {
        await writeAudit(manager, {
          actorId: principal.userId,
          action: 'territory.updated',
          subjectType: 'territory',
          subjectId: t.id,
          territoryId: t.id,
          details: { changed, ...(changed.includes('code') ? { code: t.code, previousCode } : {}) },
        });
      }
      if (dto.parentId !== undefined && dto.parentId !== t.parentId) {
        if (t.parentId === null) {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'territory-root-move',
            'A root cannot be moved',
            undefined,
            [
              {
                field: 'parentId',
                message: 'The root of the tree stays the root.',
                code: 'territory-root-move',
              },
            ],
          );
        }
        const newParent = await this.requireField(manager, dto.parentId, 'parentId');
        if (newParent.path.startsWith(t.path)) {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'territory-cycle',
            'A territory cannot move under itself',
            'The new parent is this territory or one of its descendants.',
            [{ field: 'parentId', message: 'would create a cycle', code: 'territory-cycle' }],
          );
        }
        this.assertAdminCovers(principal, newParent);
        this.assertLevelBelow(newParent, t.level);
        const oldPath = t.path;
        const newPath = `${newParent.path}${t.id}/`;
        const depthShift = newParent.depth + 1 - t.depth;
        // Re-root the whole subtree in one statement (index-backed by the path prefix).
        await manager.query(
          `UPDATE territories SET path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
           WHERE path LIKE $4`,
          [oldPath, newPath, depthShift, `${oldPath}%`],
        );
        await writeAudit(manager, {
          actorId: principal.userId,
          action: 'territory.moved',
          subjectType: 'territory',
          subjectId: t.id,
          territoryId: t.id,
          details: { previousParentId: t.parentId, parentId: newParent.id },
        });
        t.parentId = newParent.id;
        t.path = newPath;
        t.depth = newParent.depth + 1;
      }
      const saved = await repo.save(t);
      const counts = await this.childCounts([saved.id], manager);
      return toTerritory(saved, counts.get(saved.id) ?? 0);
    });
  }

  private async childCounts(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, number>> {
    const rows: { parent_id: string; n: number }[] = await manager.query(
      'SELECT parent_id, count(*)::int AS n FROM territories WHERE parent_id = ANY($1::uuid[]) GROUP BY parent_id',
      [ids],
    );
    return new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
  }

  private async requireField(manager: EntityManager, id: string, field: string): Promise<TerritoryEntity> {
    const t = await manager.findOne(TerritoryEntity, { where: { id } });
    if (!t) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'territory-not-found',
        'Unknown territory',
        undefined,
        [{ field, message: `No territory with id ${id}`, code: 'territory-unknown' }],
      );
    }
    return t;
  }

  private assertAdminCovers(principal: AuthPrincipal, t: TerritoryEntity): void {
    if (!coversTerritory(principal, 'admin', t.path)) {
      throw new ForbiddenException('Your admin role does not cover this territory.');
    }
  }

  private assertLevelBelow(parent: TerritoryEntity, level: TerritoryEntity['level']): void {
    if (TERRITORY_LEVELS.indexOf(level) <= TERRITORY_LEVELS.indexOf(parent.level)) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'territory-level',
        'Level does not fit',
        undefined,
        [
          {
            field: 'level',
            message: `A ${level} cannot sit under a ${parent.level}`,
            code: 'territory-level',
            params: { level, parentLevel: parent.level },
          },
        ],
      );
    }
  }

  private requireNames(level: TerritoryLevel, given: Partial<LocalizedName>): LocalizedName {
    const names = namesForLevel(level, given);
    if ('name' in names) return names.name;
    throw validationProblem(
      names.errors,
      ISO_CODED_LEVELS.includes(level)
        ? `A ${level} has a name in French, Arabic and English.`
        : 'A commune needs its name in one language at least; the others take it until they are given.',
    );
  }

  /** ISO 3166-2 codes down to the province; below it, communes have none and take a local code. */
  private assertCodeFits(level: TerritoryLevel, code: string | null): void {
    if (code === null || !ISO_CODED_LEVELS.includes(level) || ISO_TERRITORY_CODE.test(code)) return;
    throw validationProblem(
      [
        {
          field: 'code',
          message: `A ${level} takes an ISO 3166-2 code (MA, MA-02, MA-BER); local codes are for communes`,
          code: 'territory-code-iso',
        },
      ],
      `A ${level} takes an ISO 3166-2 code; local codes are for communes.`,
    );
  }

  private async assertCodeFree(manager: EntityManager, code: string | null): Promise<void> {
    if (code && (await manager.exists(TerritoryEntity, { where: { code } }))) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'territory-code-taken',
        'Code already used',
        undefined,
        [
          {
            field: 'code',
            message: `Another territory already has code ${code}`,
            code: 'territory-code-taken',
            params: { value: code },
          },
        ],
      );
    }
  }
}
