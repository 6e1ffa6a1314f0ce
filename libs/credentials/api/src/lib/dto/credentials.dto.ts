import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { LOCALES, type Locale, type VerifyCredentialRequest } from '@tc/shared/contracts';

export class VerifyCredentialDto implements VerifyCredentialRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'An Open Badges 3.0 credential (OpenBadgeCredential, VC 2.0), as downloaded.',
  })
  @IsObject()
  credential!: Record<string, unknown>;
}

export class IssuerProfileQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'The profile’s language (default fr)' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

/** Rotation says what it does in its body: a deliberate act, not a stray POST. */
export class RotateKeyDto {
  @ApiProperty({
    enum: ['rotate'],
    description: 'A new signing key; the current one retired (it keeps verifying)',
  })
  @IsIn(['rotate'])
  confirm!: 'rotate';
}

/** A route that takes no query parameters: any is refused by name. */
export class NoQueryDto {}
