import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OWN_CONSENT_PURPOSES, type OwnConsentPurpose } from '@tc/shared/contracts';

/** `/me/consents/:purpose`: one of the purposes a person consents to for themselves. */
export class ConsentPurposeParams {
  @ApiProperty({ enum: OWN_CONSENT_PURPOSES })
  @IsIn(OWN_CONSENT_PURPOSES)
  purpose!: OwnConsentPurpose;
}

/** A consent route that takes no query parameters: any is refused by name. */
export class NoConsentQueryDto {}
