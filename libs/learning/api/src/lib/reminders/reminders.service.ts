import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogReader } from '@tc/catalog/api';
import { LearnerRecords } from '@tc/cohorts/api';
import { JobQueue, NotificationsService, type NotifyRequest } from '@tc/notifications/api';
import type { LocalizedText } from '@tc/shared/contracts';

/** The recurring job that tells coaches about their module deadlines. */
export const REMINDERS_QUEUE = 'learning.deadline-reminders';

/** Every 15 minutes, unless the app says otherwise (`REMINDER_SCAN_CRON`). */
export const DEFAULT_REMINDER_SCAN_CRON = '*/15 * * * *';

export const REMINDERS_OPTIONS = Symbol('REMINDERS_OPTIONS');

export interface RemindersOptions {
  /** Cron (UTC) of the scan; null: no scheduled scan (the specs run it themselves). */
  scanCron: string | null;
}

/** A deadline past for longer than this is not announced any more (a first scan tells no old news). */
export const OVERDUE_NOTICE_DAYS = 14;

/**
 * Deadline reminders and overdue notices, told by themselves: a scan, run by a scheduled job, finds
 * in one statement (cohorts' {@link LearnerRecords.dueModules}) every active coach with a module
 * due today or tomorrow (`deadline.soon`) or past due (`module.overdue`) and not all its lessons
 * done, and tells them all with one `notifyMany`. Moment `<module>@<due date>`: each is told once per
 * module and deadline, however often the scan runs, on however many replicas at once; a moved
 * deadline is a new date, told again.
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly log = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: LearnerRecords,
    private readonly catalog: CatalogReader,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueue,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.define(REMINDERS_QUEUE, async () => {
      const told = await this.runScan(new Date());
      if (told) this.log.log(`Deadline reminders: ${told} told.`);
    });
    await this.jobs.schedule(REMINDERS_QUEUE, this.options.scanCron);
  }

  /**
   * One scan as of `now`: tells what is due and not told yet, in one transaction. Answers how many
   * notifications it created (0 when run again).
   */
  async runScan(now: Date = new Date()): Promise<number> {
    const today = now.toISOString().slice(0, 10);
    return this.dataSource.transaction(async (manager) => {
      const modules: {
        courseId: string;
        courseVersion: number;
        moduleKey: string;
        lessonKeys: string[];
      }[] = [];
      const titles = new Map<string, { course: LocalizedText; module: LocalizedText }>();
      for (const v of await this.records.deadlineVersions(manager)) {
        const version = await this.catalog.version(v.courseId, v.courseVersion, manager);
        if (!version) continue;
        for (const m of version.content.modules) {
          if (m.lessons.length === 0) continue;
          modules.push({ ...v, moduleKey: m.key, lessonKeys: m.lessons.map((l) => l.key) });
          titles.set(`${v.courseId}@${v.courseVersion}/${m.key}`, {
            course: version.content.title,
            module: m.title,
          });
        }
      }
      const due = await this.records.dueModules(manager, today, modules, OVERDUE_NOTICE_DAYS);
      const requests = due.map((d): NotifyRequest => {
        const title = titles.get(`${d.courseId}@${d.courseVersion}/${d.moduleKey}`);
        return {
          recipientId: d.userId,
          kind: d.overdue ? 'module.overdue' : 'deadline.soon',
          subject: { type: 'enrolment', id: d.enrolmentId },
          moment: `${d.moduleKey}@${d.dueOn}`,
          params: {
            moduleTitle: title?.module ?? {},
            courseTitle: title?.course ?? {},
            dueOn: d.dueOn,
            enrolmentId: d.enrolmentId,
          },
        };
      });
      return (await this.notifications.notifyMany(manager, requests)).length;
    });
  }
}
