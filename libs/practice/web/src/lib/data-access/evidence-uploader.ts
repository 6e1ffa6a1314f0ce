import { InjectionToken, inject } from '@angular/core';
import { AuthService } from '@tc/identity/web';
import type { EvidenceFileKind } from '@tc/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { UPLOADS_ENDPOINT } from './practice.service';

/** What an upload says of itself as it goes. */
export interface UploadCallbacks {
  progress(sent: number, total: number): void;
  /** The upload's URL once the server created it: kept so that a reload resumes there. */
  created(url: string): void;
}

export interface EvidenceUpload {
  blob: Blob;
  /** A URL from an earlier attempt: resumed from what the server already has. */
  uploadUrl: string | null;
  metadata: {
    enrolmentId: string;
    lessonKey: string;
    kind: EvidenceFileKind;
    filename: string;
    filetype: string;
  };
}

/**
 * A reviewer's voice comment on a round: the metadata names the round, not a task (and no file name:
 * the server keeps no more of it than playing it needs).
 */
export interface VoiceCommentUpload {
  blob: Blob;
  uploadUrl: string | null;
  metadata: { submissionId: string; kind: 'audio'; filetype: string };
}

/**
 * Uploads one evidence file (or voice comment); resolves with the stored id, rejects when it must
 * wait (offline).
 */
export type EvidenceUploader = (
  upload: EvidenceUpload | VoiceCommentUpload,
  callbacks: UploadCallbacks,
) => Promise<string>;

const loadTus = () => import('tus-js-client');

/** Fetches the upload code ahead, while the link is there (the hand-in may be queued offline). */
export function preloadUploader(): void {
  loadTus().catch(() => undefined);
}

/** Chunks small enough for a weak link: a lost chunk costs little. */
const CHUNK_BYTES = 512 * 1024;
/** Waits between tries of one chunk; after them the outbox waits (and resumes) on its own. */
const RETRY_DELAYS = [0, 1_000, 3_000, 5_000];

/**
 * Where the server names the stored file: on the last PATCH, and on a HEAD of a finished upload
 * (what a resumed upload whose answer was lost receives).
 */
export const EVIDENCE_ID_HEADER = 'Upload-Evidence-Id';

/**
 * Resumable uploads (tus 1.0) with tus-js-client, loaded only when a file goes. Each request carries
 * the session's access token as the app's other API calls do (renewed first when it has ended);
 * the upload URL is kept by the caller with the file (not in localStorage), so a reload resumes it.
 */
function tusUploader(): EvidenceUploader {
  const auth = inject(AuthService);
  return async (upload, callbacks) => {
    const { Upload } = await loadTus();
    if (auth.accessTokenExpired()) await firstValueFrom(auth.refresh()).catch(() => null);
    return new Promise<string>((resolve, reject) => {
      const tus = new Upload(upload.blob, {
        endpoint: UPLOADS_ENDPOINT,
        uploadUrl: upload.uploadUrl,
        metadata: { ...upload.metadata },
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        storeFingerprintForResuming: false,
        onBeforeRequest: (req) => {
          const token = auth.accessToken();
          if (token) req.setHeader('Authorization', `Bearer ${token}`);
        },
        onUploadUrlAvailable: () => {
          if (tus.url) callbacks.created(tus.url);
        },
        onProgress: (sent, total) => callbacks.progress(sent, total),
        onSuccess: ({ lastResponse }) => {
          const id = lastResponse.getHeader(EVIDENCE_ID_HEADER);
          if (id) resolve(id);
          else reject(new Error('The upload finished without an evidence id'));
        },
        onError: (error) => reject(error),
      });
      tus.start();
    });
  };
}

export const EVIDENCE_UPLOADER = new InjectionToken<EvidenceUploader>('EVIDENCE_UPLOADER', {
  providedIn: 'root',
  factory: tusUploader,
});
