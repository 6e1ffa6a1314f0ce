import { ForbiddenException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  TERRITORY_LEVELS,
  type LocalizedName,
  type Territory,
  type TerritoryDetail,
} from '@tc/shared/contracts';
import { AuthPrincipal, coversTerritory, ProblemException } from '@tc/shared/api';
import { TerritoryEntity } from './entities/territory.entity';
import type { CreateTerritoryDto, UpdateTerritoryDto } from './dto/territory.dto';

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
      await this.assertCodeFree(manager, dto.code ?? null);
      const repo = manager.getRepository(TerritoryEntity);
      const created = repo.create({
        parentId: parent.id,
        level: dto.level,
        code: dto.code ?? null,
        nameFr: dto.name.fr,
        nameAr: dto.name.ar,
        nameEn: dto.name.en,
        path: 'pending',
        depth: parent.depth + 1,
      });
      const saved = await repo.save(created);
      saved.path = `${parent.path}${saved.id}/`;
      await repo.update(saved.id, { path: saved.path });
      return toTerritory(saved, 0);
    });
  }

  /** Rename, recode or move a territory; a move carries the whole subtree and may not create a cycle. */
  async update(principal: AuthPrincipal, id: string, dto: UpdateTerritoryDto): Promise<Territory> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(TerritoryEntity);
      const t = await this.require(id, manager);
      this.assertAdminCovers(principal, t);
      if (dto.code !== undefined && dto.code !== t.code) {
        await this.assertCodeFree(manager, dto.code);
        t.code = dto.code;
      }
      if (dto.name?.fr !== undefined) t.nameFr = dto.name.fr;
      if (dto.name?.ar !== undefined) t.nameAr = dto.name.ar;
      if (dto.name?.en !== undefined) t.nameEn = dto.name.en;
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
