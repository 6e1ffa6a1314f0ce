import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditSubjectType } from '@tc/shared/contracts';
import { transactionQuery } from '@tc/shared/api';

/**
 * The append-only audit log: who (a user id), did what (an action), on what (a subject type and id),
 * when, where (the territory, when known), with details that hold ids and facts only — no secrets, no
 * e-mails, no names. A database trigger refuses UPDATE, DELETE and TRUNCATE on the table, so an entry,
 * once committed, stays. No foreign keys: an entry outlives what it names.
 */
@Entity('audit_log')
@Index('IDX_audit_log_actor_id', ['actorId', 'id'])
@Index('IDX_audit_log_action', ['action', 'id'])
@Index('IDX_audit_log_territory_id', ['territoryId', 'id'])
@Index('IDX_audit_log_occurred_at', ['occurredAt'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_log' })
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: AuditAction;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: AuditSubjectType;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ name: 'territory_id', type: 'uuid', nullable: true })
  territoryId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

/** What one audited change says about itself. */
export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  territoryId?: string | null;
  /** Ids and facts only (a role, a version number, a row count): never a password, token, e-mail or name. */
  details?: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Appends one entry with the caller's manager: inside a transaction, the entry commits or rolls back
 * with the change it records. Every domain calls this where its audited change happens.
 */
export async function writeAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await transactionQuery(
    manager,
    `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, territory_id, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      record.actorId,
      record.action,
      record.subjectType,
      record.subjectId,
      record.territoryId ?? null,
      JSON.stringify(record.details ?? {}),
    ],
  );
}
