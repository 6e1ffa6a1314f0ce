import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type {
  AnnouncementsQuery,
  CreateAnnouncementRequest,
  UpdateAnnouncementRequest,
} from '@tc/shared/contracts';
import { coded, QueryInteger } from '@tc/shared/api';

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const PAGE_MAX = 50;

/** An announcement's title in some of fr / ar / en. */
export class AnnouncementTitleDto {
  @ApiPropertyOptional({ maxLength: MAX_TITLE }) @IsOptional() @IsString() @MaxLength(MAX_TITLE) fr?: string;
  @ApiPropertyOptional({ maxLength: MAX_TITLE }) @IsOptional() @IsString() @MaxLength(MAX_TITLE) ar?: string;
  @ApiPropertyOptional({ maxLength: MAX_TITLE }) @IsOptional() @IsString() @MaxLength(MAX_TITLE) en?: string;
}

/** An announcement's markdown body in some of fr / ar / en. */
export class AnnouncementBodyDto {
  @ApiPropertyOptional({ maxLength: MAX_BODY }) @IsOptional() @IsString() @MaxLength(MAX_BODY) fr?: string;
  @ApiPropertyOptional({ maxLength: MAX_BODY }) @IsOptional() @IsString() @MaxLength(MAX_BODY) ar?: string;
  @ApiPropertyOptional({ maxLength: MAX_BODY }) @IsOptional() @IsString() @MaxLength(MAX_BODY) en?: string;
}

function Texts(type: () => new () => object, optional: boolean, description: string) {
  return applyDecorators(
    ...(optional
      ? [ApiPropertyOptional({ type: type(), description }), IsOptional()]
      : [ApiProperty({ type: type(), description })]),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}

function PublishAt() {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'date-time',
      nullable: true,
      description: 'When coaches see it; absent or null: now',
    }),
    IsOptional(),
    ValidateIf((_o, v) => v !== null),
    IsISO8601({ strict: true }, coded('invalid-date', 'publishAt must be a date and time')),
  );
}

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @Texts(() => AnnouncementTitleDto, false, 'Plain text per language')
  title!: AnnouncementTitleDto;

  @Texts(() => AnnouncementBodyDto, false, 'Markdown per language (rendered and sanitised as lessons are)')
  body!: AnnouncementBodyDto;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() pinned?: boolean;

  @PublishAt() publishAt?: string | null;
}

export class UpdateAnnouncementDto implements UpdateAnnouncementRequest {
  @Texts(() => AnnouncementTitleDto, true, 'Replaces every language of the title')
  title?: AnnouncementTitleDto;

  @Texts(() => AnnouncementBodyDto, true, 'Replaces every language of the body')
  body?: AnnouncementBodyDto;

  @PublishAt() publishAt?: string | null;
}

export class AnnouncementsQueryDto implements AnnouncementsQuery {
  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, coded('invalid-cursor', 'cursor must be a nextCursor this API returned'))
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX, default: 20 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class AnnouncementParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() cohortId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}
