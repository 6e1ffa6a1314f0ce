import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type {
  PushSubscriptionKeys,
  PushSubscriptionRemoval,
  PushSubscriptionRequest,
} from '@tc/shared/contracts';
import { coded } from '@tc/shared/api';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export class PushSubscriptionKeysDto implements PushSubscriptionKeys {
  @ApiProperty({ description: "The browser's P-256 public key, base64url (65 bytes: 87 characters)" })
  @IsString()
  @MaxLength(128)
  @Matches(BASE64URL, coded('invalid-format', 'p256dh must be base64url'))
  p256dh!: string;

  @ApiProperty({ description: 'The authentication secret, base64url (16 bytes: 22 characters)' })
  @IsString()
  @MaxLength(64)
  @Matches(BASE64URL, coded('invalid-format', 'auth must be base64url'))
  auth!: string;
}

export class PushSubscriptionDto implements PushSubscriptionRequest {
  @ApiProperty({ description: "The push service's URL for this browser (https)", maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;

  @ApiProperty({ type: PushSubscriptionKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionKeysDto)
  keys!: PushSubscriptionKeysDto;
}

export class PushSubscriptionRemovalDto implements PushSubscriptionRemoval {
  @ApiProperty({ description: 'The endpoint of the subscription to remove', maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;
}
