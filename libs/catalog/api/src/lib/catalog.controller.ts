import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {} from '@fastify/multipart'; // request.file()
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CompetenceArea, MediaUpload, RenderedMarkdown } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  ProblemException,
  Public,
  Roles,
  SignedIn,
  ApiProblemResponses,
  ApiContractResponse,
  ApiFileResponse,
} from '@tc/shared/api';
import { CATALOG_OPTIONS, type CatalogOptions } from './catalog.options';
import { renderMarkdown } from './content/markdown';
import { RenderMarkdownDto } from './dto/catalog.dto';
import { VARIANT_WIDTHS } from './content/responsive-image';
import { MediaService, acceptsWebp, parseWidth } from './media.service';
import { DIGCOMP_AREAS } from './reference/digcomp';

@ApiProblemResponses()
@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(
    private readonly media: MediaService,
    @Inject(CATALOG_OPTIONS) private readonly options: CatalogOptions,
  ) {}

  /** DigComp 2.2: 5 areas, 21 competences, titles in fr/ar/en. */
  @Get('competences')
  @SignedIn()
  @ApiBearerAuth()
  @ApiContractResponse('CompetenceArea', { isArray: true })
  competences(): CompetenceArea[] {
    return DIGCOMP_AREAS;
  }

  /** The server's markdown renderer, for the editor's live preview (the same HTML coaches get). */
  @Post('catalog/render')
  @Roles('trainer', 'admin')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('RenderedMarkdown')
  render(@Body() dto: RenderMarkdownDto): RenderedMarkdown {
    return { html: renderMarkdown(dto.markdown) };
  }

  /** One image (PNG, JPEG, WebP, GIF) or PDF in the multipart field `file`. */
  @Post('media')
  @Roles('trainer', 'admin')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiContractResponse('MediaUpload', { status: 201 })
  async upload(
    @CurrentUser() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
  ): Promise<MediaUpload> {
    if (!request.isMultipart()) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'media-multipart',
        'Send multipart/form-data',
        undefined,
        [
          {
            field: 'file',
            message: 'Upload the file as multipart/form-data in the field "file"',
            code: 'media-multipart',
          },
        ],
      );
    }
    // A multipart body without a boundary, or cut short, makes the parser throw: that is the client's.
    const file = await request
      .file({ limits: { fileSize: this.options.maxUploadBytes, files: 1 } })
      .catch((error: Error) => {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'media-multipart',
          'Unreadable multipart body',
          undefined,
          [{ field: 'file', message: error.message, code: 'media-multipart' }],
        );
      });
    if (!file || file.fieldname !== 'file') {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'media-missing', 'No file', undefined, [
        { field: 'file', message: 'No file in the field "file"', code: 'media-missing' },
      ]);
    }
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'media-too-large',
        'File too large',
        undefined,
        [
          {
            field: 'file',
            message: `The file is larger than ${Math.round(this.options.maxUploadBytes / 1024 / 1024)} MB`,
            code: 'media-too-large',
            params: { maxMb: Math.round(this.options.maxUploadBytes / 1024 / 1024) },
          },
        ],
      );
    }
    return this.media.store(principal.userId, bytes);
  }

  /**
   * Files are addressed by the SHA-256 of their content, so a URL never changes meaning: cached for a
   * year. Public like any static asset (coaches' offline copies fetch them); the hash is unguessable.
   * `?w=` asks a JPEG, PNG or WebP image for a resized variant (WebP when the browser takes it, hence
   * `Vary: Accept`); any other `w` is a 400 naming it.
   */
  @Get('media/:hash')
  @Public()
  @ApiQuery({ name: 'w', required: false, enum: [...VARIANT_WIDTHS] })
  @ApiFileResponse(
    ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'],
    'The file, or its resized variant',
  )
  async serve(
    @Param('hash') hash: string,
    @Query('w') w: unknown,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file =
      w === undefined
        ? await this.media.open(hash)
        : await this.media.openVariant(hash, parseWidth(w), acceptsWebp(accept));
    if (w !== undefined) reply.header('vary', 'Accept');
    // A PDF is downloaded, never shown in the API's origin: a reader's scripts stay out of its pages.
    await reply
      .header('content-type', file.mimeType)
      .header('content-length', String(file.size))
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header(
        'content-disposition',
        file.mimeType === 'application/pdf' ? `attachment; filename="${hash.slice(0, 12)}.pdf"` : 'inline',
      )
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      )
      .send(file.stream);
  }
}
