import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Health } from '@tc/shared/contracts';
import { Public } from '@tc/shared/api';
import { DATABASE_KIND } from './tokens';
import type { DatabaseKind } from '../database/data-source-options';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  /** 200 when the database answers, 503 otherwise. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    let up = false;
    try {
      await this.dataSource.query('SELECT 1');
      up = true;
    } catch {
      up = false;
    }
    void reply
      .status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .header('cache-control', 'no-store');
    return {
      status: up ? 'ok' : 'error',
      database: up ? 'up' : 'down',
      databaseKind: this.kind,
      version: process.env['npm_package_version'] ?? '0.0.0',
    };
  }
}
