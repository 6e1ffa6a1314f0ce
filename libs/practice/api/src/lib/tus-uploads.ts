import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AuthPrincipal, nodeRequire } from '@tc/shared/api';
import { EvidenceService, isVoiceCommentTarget, type UploadTarget } from './evidence.service';
import {
  MAX_EVIDENCE_BYTES,
  PRACTICE_OPTIONS,
  UPLOAD_EXPIRY_MS,
  type PracticeOptions,
} from './practice.options';

/** Where the tus endpoint lives (its uploads at `<path>/<upload id>`). */
export const UPLOADS_PATH = '/api/v1/practice/uploads';
/** The answer header that names the stored evidence file, on the last PATCH and on a HEAD after it. */
export const EVIDENCE_ID_HEADER = 'Upload-Evidence-Id';

/** What this module uses of an upload as tus keeps it. */
export interface TusUpload {
  id: string;
  size?: number;
  offset: number;
  metadata?: Record<string, string | null>;
  storage?: { path?: string };
}
interface TusServer {
  handleWeb(req: Request): Promise<Response>;
  datastore: { configstore: { get(id: string): Promise<TusUpload | undefined> } };
}

/** Who sent a request and what their upload is for, for the hooks tus calls during that request. */
export interface UploadCall {
  principal: AuthPrincipal;
  target?: UploadTarget;
  /** The problem the finishing hook met (the controller answers it as problem+json). */
  problem?: unknown;
}

/**
 * The tus 1.0 server (@tus/server, file store) behind `/api/v1/practice/uploads`: resumable uploads of
 * evidence (and of trainers' voice comments). The controller authenticates and checks before a request
 * reaches it; the hooks here tag an upload with its uploader (`coachId` in its metadata, whoever it is)
 * and, once the last byte is in, hand the file to the evidence store and name the stored file in
 * `Upload-Evidence-Id`. Uploads idle for a day are swept, finished or not.
 *
 * The packages are ES modules: they are loaded with Node's own require (Node ≥ 20.19 loads ES modules
 * that way), which also keeps them out of jest's CommonJS module registry.
 */
@Injectable()
export class TusUploads implements OnModuleDestroy {
  private readonly logger = new Logger(TusUploads.name);
  readonly directory: string;
  readonly server: TusServer;
  private readonly calls = new WeakMap<Request, UploadCall>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly evidence: EvidenceService,
    @Inject(PRACTICE_OPTIONS) options: PracticeOptions,
  ) {
    this.directory = join(options.evidenceDir, '.uploads');
    mkdirSync(this.directory, { recursive: true });
    const load = nodeRequire();
    const { Server } = load('@tus/server') as { Server: new (options: object) => TusServer };
    const { FileStore } = load('@tus/file-store') as { FileStore: new (options: object) => object };
    this.server = new Server({
      path: UPLOADS_PATH,
      datastore: new FileStore({
        directory: this.directory,
        expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
      }),
      relativeLocation: true,
      // Upload ids are UUIDs, as every id of this API's paths.
      namingFunction: () => randomUUID(),
      maxSize: Math.max(...Object.values(MAX_EVIDENCE_BYTES)),
      exposedHeaders: [EVIDENCE_ID_HEADER],
      onUploadCreate: async (req: Request, upload: TusUpload) => {
        const call = this.calls.get(req);
        return { metadata: { ...(upload.metadata ?? {}), coachId: call?.principal.userId ?? null } };
      },
      onUploadFinish: async (req: Request, upload: TusUpload) => {
        const call = this.calls.get(req);
        const path = upload.storage?.path ?? join(this.directory, upload.id);
        try {
          if (!call?.target) throw new Error('an upload finished outside a checked request');
          const file = isVoiceCommentTarget(call.target)
            ? await this.evidence.storeVoiceComment(call.principal, call.target, path)
            : await this.evidence.store(call.principal, call.target, path);
          await writeFile(this.markerOf(upload.id), file.id);
          return { headers: { [EVIDENCE_ID_HEADER]: file.id } };
        } catch (problem) {
          if (call) call.problem = problem;
          // The upload is spent either way: a refused file is not kept.
          await rm(path, { force: true });
          await rm(`${path}.json`, { force: true });
          throw { status_code: 422, body: 'Refused\n' };
        }
      },
    });
    this.sweeper = setInterval(
      () => void this.sweep().catch((e) => this.logger.warn(String(e))),
      60 * 60_000,
    );
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Runs one tus request for a checked caller; answers tus's response and what the hooks noted. */
  async handle(request: Request, call: UploadCall): Promise<{ response: Response; call: UploadCall }> {
    this.calls.set(request, call);
    const response = await this.server.handleWeb(request);
    return { response, call };
  }

  /** The upload as tus keeps it (its metadata names its coach), or null. */
  async upload(id: string): Promise<TusUpload | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
    return (await this.server.datastore.configstore.get(id).catch(() => undefined)) ?? null;
  }

  /** The evidence file a finished upload became, or null. */
  async evidenceOf(id: string): Promise<string | null> {
    return readFile(this.markerOf(id), 'utf8').catch(() => null);
  }

  /**
   * Removes what idled longer than the expiry: unfinished uploads (their bytes and state) and the
   * traces of finished ones. Answers how many uploads went.
   */
  async sweep(now = Date.now()): Promise<number> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const id = name.slice(0, -'.json'.length);
      const times = await Promise.all(
        [join(this.directory, id), join(this.directory, name), this.markerOf(id)].map((p) =>
          stat(p).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        ),
      );
      if (now - Math.max(...times) < UPLOAD_EXPIRY_MS) continue;
      await Promise.all(
        [join(this.directory, id), join(this.directory, name), this.markerOf(id)].map((p) =>
          rm(p, { force: true }),
        ),
      );
      removed++;
    }
    return removed;
  }

  private markerOf(id: string): string {
    return join(this.directory, `${id}.evidence`);
  }
}
