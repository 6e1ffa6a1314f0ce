import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  type PipeTransform,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CredentialVerification } from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  ProblemException,
  Public,
  Roles,
  validationProblem,
} from '@tc/shared/api';
import { CredentialsService } from './credentials.service';
import { IssuerProfileQueryDto, NoQueryDto, RotateKeyDto, VerifyCredentialDto } from './dto/credentials.dto';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader';
import { IssuerKeysService } from './issuer-keys.service';
import { StatusListsService } from './status-lists.service';
import { VerifyThrottlerGuard } from './verify-throttler.guard';

/** A JSON-LD answer of `mediaType` (DID document, profile, status list credential): an object. */
const ApiJsonLdResponse = (mediaType: string, description: string, status = 200) =>
  ApiResponse({ status, description, content: { [mediaType]: { schema: { type: 'object' } } } });

/** Status lists are numbered from 1; a million of them would hold 131 billion credentials. */
const MAX_LIST = 1_000_000;
/** A status list's number in the path: 1 … MAX_LIST, else a problem naming `list`. */
const listNumber: PipeTransform<string, number> = {
  transform(value: string): number {
    const n = /^[0-9]{1,7}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_LIST))
      throw validationProblem([
        { field: 'list', message: `list must be a whole number from 1 to ${MAX_LIST}`, code: 'out-of-range' },
      ]);
    return n;
  },
};

/** The largest credential `verify` takes (ours are some 3 kB): the work of checking one stays small. */
const MAX_CREDENTIAL_CHARS = 64 * 1024;

/** The issuer's DID document, where `did:web` looks for it (outside the API prefix). */
@ApiTags('credentials')
@ApiProblemResponses()
@Controller()
export class DidDocumentController {
  constructor(private readonly keys: IssuerKeysService) {}

  /** Where did:web looks for the DID document of a bare host (`did:web:academy.example`). */
  @Get('.well-known/did.json')
  @Public()
  @ApiOperation({ summary: 'The issuer’s did:web DID document: every key, past and present, as Multikey' })
  @ApiJsonLdResponse('application/did+ld+json', 'The DID document')
  wellKnown(@Res() reply: FastifyReply): Promise<void> {
    return this.send(reply);
  }

  /** Where did:web looks for it when PUBLIC_URL has a path (`did:web:host:tc` → `/tc/did.json`, did:web §3.2). */
  @Get('did.json')
  @Public()
  @ApiOperation({ summary: 'The same DID document, for a PUBLIC_URL with a path' })
  @ApiJsonLdResponse('application/did+ld+json', 'The DID document')
  atPath(@Res() reply: FastifyReply): Promise<void> {
    return this.send(reply);
  }

  private async send(reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'application/did+ld+json')
      // Read at every resolution: a rotated key shows at once (and a caller with a token gets no shared copy).
      .header('cache-control', 'no-store')
      .send(await this.keys.didDocument());
  }
}

@ApiTags('credentials')
@ApiProblemResponses()
@Controller('credentials')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly keys: IssuerKeysService,
    private readonly statusLists: StatusListsService,
  ) {}

  /** The issuer's Open Badges 3.0 profile (name, url, image), in fr (default), ar or en. */
  @Get('issuer')
  @Public()
  @ApiOperation({ summary: 'The issuer’s profile (OB 3.0 Profile) in one language' })
  @ApiJsonLdResponse('application/ld+json', 'The profile')
  async issuer(@Query() query: IssuerProfileQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const profile = this.credentials.issuerProfile(query.lang ?? 'fr');
    await reply
      .header('content-type', 'application/ld+json')
      .header('content-language', query.lang ?? 'fr')
      .send({ '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], ...profile });
  }

  /** A Bitstring Status List credential (revocation), signed; stable URL, current bits. */
  @Get('status/:list')
  @Public()
  @ApiOperation({ summary: 'A status list (BitstringStatusListCredential, revocation), signed' })
  @ApiJsonLdResponse('application/ld+json', 'The status list credential')
  @ApiParam({ name: 'list', schema: { type: 'integer', minimum: 1, maximum: MAX_LIST } })
  async statusList(@Param('list', listNumber) list: number, @Res() reply: FastifyReply): Promise<void> {
    const credential = await this.statusLists.credential(list);
    if (!credential)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not-found',
        'Not found',
        'No status list has this number.',
      );
    await reply
      .header('content-type', 'application/ld+json')
      // A verifier must see a revocation at once.
      .header('cache-control', 'no-store')
      .send(credential);
  }

  /** Verifies any Open Badges 3.0 credential it is given, check by check; thirty a minute per caller. */
  @Post('verify')
  @Public()
  @UseGuards(VerifyThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Verify an Open Badges 3.0 credential: format, signature, issuer, status, expiry',
  })
  @ApiContractResponse('CredentialVerification')
  verify(@Body() dto: VerifyCredentialDto): Promise<CredentialVerification> {
    if (JSON.stringify(dto.credential).length > MAX_CREDENTIAL_CHARS) {
      throw validationProblem([
        {
          field: 'credential',
          code: 'too-long',
          message: `credential must be at most ${MAX_CREDENTIAL_CHARS} characters of JSON`,
          params: { max: MAX_CREDENTIAL_CHARS },
        },
      ]);
    }
    return this.credentials.verify(dto.credential);
  }

  /** Adds a signing key and retires the current one (which keeps verifying); answers the DID document. */
  @Post('keys/rotate')
  @Roles('admin')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rotate the issuer’s signing key (admins); earlier credentials keep verifying' })
  @ApiJsonLdResponse('application/did+ld+json', 'The DID document with the new key')
  async rotate(
    @Body() _dto: RotateKeyDto,
    @Query() _query: NoQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.keys.rotate();
    await reply.header('content-type', 'application/did+ld+json').send(await this.keys.didDocument());
  }
}
