import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Health, Liveness } from '@tc/shared/contracts';
import { ApiContractResponse, Public } from '@tc/shared/api';
import { DATABASE_KIND } from './tokens';
import type { DatabaseKind } from '../database/data-source-options';
import { pendingMigrations } from '../database/run-migrations';

const READY = 'Ready: the database answers, migrations applied, not shutting down';
const NOT_READY = 'Not ready; the body says why (database down, migrations pending, or shutting down)';

/**
 * Liveness (the process answers: restart it if not) apart from readiness (send it traffic: the database
 * answers, this build's migrations are applied, and it is not shutting down). `/api/health` stays as an
 * alias of readiness: load balancers, the e2e server and CI wait on it before sending requests.
 */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  private shuttingDown = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  /** Readiness turns 503 from here on; the process stops accepting connections next. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers; no database call' })
  @ApiContractResponse('Liveness', { description: 'The process is up' })
  live(@Res({ passthrough: true }) reply: FastifyReply): Liveness {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok', uptime: Math.round(process.uptime()), shuttingDown: this.shuttingDown };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Readiness: 200 when the database answers, migrations are applied and not shutting down; else 503',
  })
  @ApiContractResponse('Health', { description: READY })
  @ApiContractResponse('Health', { status: 503, description: NOT_READY })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    return this.readiness(reply);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Alias of /api/health/ready' })
  @ApiContractResponse('Health', { description: READY })
  @ApiContractResponse('Health', { status: 503, description: NOT_READY })
  health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    return this.readiness(reply);
  }

  private async readiness(reply: FastifyReply): Promise<Health> {
    let pending: string[] | null;
    try {
      pending = await pendingMigrations(this.dataSource);
    } catch {
      pending = null;
    }
    const up = pending !== null;
    const ok = up && pending?.length === 0 && !this.shuttingDown;
    void reply
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .header('cache-control', 'no-store');
    return {
      status: ok ? 'ok' : 'error',
      database: up ? 'up' : 'down',
      databaseKind: this.kind,
      migrations: pending === null ? 'unknown' : pending.length ? 'pending' : 'applied',
      pendingMigrations: pending ?? [],
      shuttingDown: this.shuttingDown,
      version: process.env['npm_package_version'] ?? '0.0.0',
    };
  }
}
