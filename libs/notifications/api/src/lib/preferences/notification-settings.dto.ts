import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EMAIL_MODES,
  NOTIFICATION_KINDS,
  type EmailMode,
  type NotificationKind,
  type NotificationKindSetting,
  type NotificationSettingsUpdate,
} from '@tc/shared/contracts';
import { coded } from '@tc/shared/api';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_RULE = coded('invalid-format', 'a time of day, HH:MM (00:00 to 23:59)');

export class NotificationKindSettingDto implements NotificationKindSetting {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind!: NotificationKind;

  @ApiProperty({ description: 'Tell this kind by e-mail' })
  @IsBoolean()
  email!: boolean;

  @ApiProperty({ description: 'Tell this kind by Web Push' })
  @IsBoolean()
  push!: boolean;
}

export class NotificationSettingsDto implements NotificationSettingsUpdate {
  @ApiProperty({ type: [NotificationKindSettingDto], description: 'A kind not listed keeps its choice' })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationKindSettingDto)
  kinds!: NotificationKindSettingDto[];

  @ApiProperty({ enum: EMAIL_MODES })
  @IsIn(EMAIL_MODES)
  emailMode!: EmailMode;

  @ApiProperty({ minimum: 0, maximum: 23, description: "The daily digest's hour in timeZone" })
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '22:00',
    description: 'null (with quietHoursEnd): none',
  })
  @ValidateIf((o: NotificationSettingsDto, v) => v !== null || o.quietHoursEnd !== null)
  @IsString()
  @Matches(CLOCK, CLOCK_RULE)
  quietHoursStart!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '07:00' })
  @ValidateIf((o: NotificationSettingsDto, v) => v !== null || o.quietHoursStart !== null)
  @IsString()
  @Matches(CLOCK, CLOCK_RULE)
  quietHoursEnd!: string | null;

  @ApiProperty({ example: 'Africa/Casablanca', description: 'An IANA time zone name' })
  @IsString()
  @MaxLength(64)
  @IsTimeZone(coded('invalid-format', 'timeZone must be an IANA time zone name, e.g. Africa/Casablanca'))
  timeZone!: string;
}
