import { Controller, Head, HttpException, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { ProblemCode } from '@tc/shared/contracts';
import {
  ApiProblemResponses,
  CurrentUser,
  ProblemException,
  Roles,
  UuidParam,
  validationProblem,
  type AuthPrincipal,
} from '@tc/shared/api';
import { EvidenceService } from './evidence.service';
import { notFound } from './practice-access';
import { EVIDENCE_ID_HEADER, TusUploads, type TusUpload, type UploadCall } from './tus-uploads';

/** tus's own statuses as this API's problem codes. */
const CODES: Record<number, ProblemCode> = {
  400: 'bad-request',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/** `Upload-Metadata`: comma-separated `key base64(value)` pairs (tus 1.0). */
export function parseUploadMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

const ApiUploadId = () =>
  ApiParam({
    name: 'uploadId',
    description: 'The upload (the last segment of its Location)',
    schema: { type: 'string', format: 'uuid' },
  });

const TusResumable = () =>
  ApiHeader({ name: 'Tus-Resumable', required: true, description: 'tus protocol version: 1.0.0' });

/**
 * Resumable evidence uploads (tus 1.0, creation + expiration): `POST` with `Upload-Length` and
 * `Upload-Metadata` (`enrolmentId`, `lessonKey`, `kind`: photo, audio or pdf; or, for a trainer's
 * voice comment, `submissionId` and `kind` audio) creates an upload at the answer's `Location`; `PATCH` sends bytes from `Upload-Offset` (`Content-Type:
 * application/offset+octet-stream`); `HEAD` says the offset to resume from. The last PATCH answers the
 * stored file's id in `Upload-Evidence-Id` (the same id when the task already has this content); a HEAD
 * on a finished upload says it again, for a client that lost that answer. Only the coach of the
 * enrolment, for a task of their version that takes that kind, within its size and their quota; a voice
 * comment only by who may review the round while it waits, audio within its size, and within the bound
 * on the trainer's voice comments no review holds yet. Only the uploader resumes an upload. Refusals
 * are problems (problem+json) like everywhere else.
 */
@ApiProblemResponses()
@ApiTags('practice')
@ApiBearerAuth()
@Roles('coach', 'trainer', 'admin')
@Controller('practice/uploads')
export class UploadsController {
  constructor(
    private readonly tus: TusUploads,
    private readonly evidence: EvidenceService,
  ) {}

  @Post()
  @TusResumable()
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'The file size in bytes' })
  @ApiHeader({
    name: 'Upload-Metadata',
    required: true,
    description:
      'enrolmentId, lessonKey and kind (photo, audio, pdf); or submissionId and kind audio (a voice comment); each `key base64(value)`',
  })
  @ApiResponse({ status: 201, description: 'Created; `Location` is where to PATCH the bytes' })
  async create(
    @CurrentUser() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const target = this.evidence.target(parseUploadMetadata(header('upload-metadata')));
    const lengthHeader = header('upload-length');
    if (lengthHeader !== undefined && !/^\d{1,12}$/.test(lengthHeader))
      throw validationProblem([
        { field: 'Upload-Length', message: 'Upload-Length must be a byte count', code: 'not-integer' },
      ]);
    await this.evidence.checkStart(
      principal,
      target,
      lengthHeader === undefined ? null : Number(lengthHeader),
    );
    await this.forward(request, reply, { principal, target });
  }

  @Head(':uploadId')
  @TusResumable()
  @ApiUploadId()
  @ApiResponse({
    status: 200,
    description: '`Upload-Offset`: where to resume; `Upload-Evidence-Id` once stored',
  })
  async offset(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('uploadId') uploadId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const upload = await this.owned(principal, uploadId);
    const evidenceId = await this.tus.evidenceOf(upload.id);
    if (evidenceId) {
      await reply
        .status(200)
        .header('tus-resumable', '1.0.0')
        .header('upload-offset', String(upload.size ?? upload.offset))
        .header('upload-length', String(upload.size ?? upload.offset))
        .header(EVIDENCE_ID_HEADER.toLowerCase(), evidenceId)
        .header('cache-control', 'no-store')
        .send();
      return;
    }
    await this.forward(request, reply, { principal });
  }

  @Patch(':uploadId')
  @TusResumable()
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Where these bytes start' })
  @ApiUploadId()
  @ApiResponse({ status: 204, description: 'Taken; `Upload-Offset` is the new offset' })
  async append(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('uploadId') uploadId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const upload = await this.owned(principal, uploadId);
    const target = this.evidence.target(upload.metadata ?? {});
    await this.forward(request, reply, { principal, target });
  }

  /** The upload, when it is the caller's; else 404 (whether it exists is not said). */
  private async owned(principal: AuthPrincipal, uploadId: string): Promise<TusUpload> {
    const upload = await this.tus.upload(uploadId);
    if (!upload || upload.metadata?.['coachId'] !== principal.userId) throw notFound('No such upload.');
    return upload;
  }

  /** Hands the request to tus and its answer back through Fastify (so the API's headers apply). */
  private async forward(request: FastifyRequest, reply: FastifyReply, call: UploadCall): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.raw.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const withBody = request.method === 'PATCH' || request.method === 'POST';
    const webRequest = new Request(`http://uploads.local${request.raw.url ?? ''}`, {
      method: request.method,
      headers,
      ...(withBody
        ? { body: Readable.toWeb(request.raw) as ReadableStream<Uint8Array>, duplex: 'half' as const }
        : {}),
    });
    const { response } = await this.tus.handle(webRequest, call);
    if (call.problem)
      throw call.problem instanceof HttpException ? call.problem : new Error(String(call.problem));
    if (response.status >= 400) {
      const detail = (await response.text()).trim() || 'Upload refused';
      // tus names the header at fault in its text ("Invalid upload-offset", "Upload-Offset header required").
      const header = /\b(upload-[a-z-]+|tus-resumable|content-type)\b/i.exec(detail)?.[1];
      throw new ProblemException(
        response.status,
        CODES[response.status] ?? (response.status >= 500 ? 'internal' : 'bad-request'),
        response.status === 400 ? 'Invalid upload request' : detail,
        detail,
        response.status === 400
          ? [{ field: header ? headerName(header) : 'headers', message: detail, code: 'invalid' }]
          : undefined,
      );
    }
    void reply.status(response.status);
    response.headers.forEach((value, name) => {
      if (name.toLowerCase() !== 'content-length') void reply.header(name, value);
    });
    const body = Buffer.from(await response.arrayBuffer());
    await reply.send(body.length ? body : undefined);
  }
}

/** A header's name as tus spells it in the protocol (`Upload-Offset`). */
function headerName(header: string): string {
  return header
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}
