import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import {
  AUDIT_REASON_MAX,
  GENDERS,
  LOCALES,
  ORGANISATION_TYPES,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type AcceptLinkRequest,
  type AdminActionRequest,
  type ChangeRoleRequest,
  type RoleImpactQuery,
  type AssignRoleRequest,
  type Gender,
  type InviteUserRequest,
  type ListUsersQuery,
  type Locale,
  type OrganisationType,
  type PasswordResetRequest,
  type Role,
  type SignInRequest,
  type UpdateProfileRequest,
  type UserStatus,
} from '@tc/shared/contracts';
import { BodyMayBeAbsent, IsDisplayName, IsPlainEmail, PageQueryDto } from '@tc/shared/api';

export const PASSWORD_MAX_LENGTH = 256;
const thisYear = new Date().getUTCFullYear();

export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'coach@example.org' })
  @IsString()
  @MaxLength(254)
  @IsNotEmpty()
  email!: string;

  @ApiProperty({ example: 'demo-password-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class PasswordResetDto implements PasswordResetRequest {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
}

export class AcceptLinkDto implements AcceptLinkRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional() @IsOptional() @IsDisplayName() displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) preferredLanguage?: Locale;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  territoryId?: string | null;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(ORGANISATION_TYPES)
  organisationType?: OrganisationType | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  organisationName?: string | null;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1920 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1920)
  @Max(thisYear - 15, { message: 'birthYear must make you at least 15 years old' })
  birthYear?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() demographicsWithheld?: boolean;
}

export class ListUsersQueryDto extends PageQueryDto implements ListUsersQuery {
  @ApiPropertyOptional({ description: 'Search in e-mail and name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({ enum: ['active', 'invited', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'invited', 'disabled'])
  status?: UserStatus;
}

export class InviteUserDto implements InviteUserRequest {
  @ApiProperty() @IsPlainEmail() @MaxLength(254) email!: string;
  @ApiProperty() @IsDisplayName() displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID() territoryId!: string;
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES) preferredLanguage?: Locale;
}

export class AssignRoleDto implements AssignRoleRequest {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID() territoryId!: string;
}

/** Surrounding spaces go; nothing left is no reason given. */
const TrimmedReason = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value,
  );

@BodyMayBeAbsent()
export class AdminActionDto implements AdminActionRequest {
  @ApiPropertyOptional({
    maxLength: AUDIT_REASON_MAX,
    description: 'Why, for the other admins: kept in the audit entry of the change',
  })
  @IsOptional()
  @TrimmedReason()
  @IsString()
  @MaxLength(AUDIT_REASON_MAX)
  reason?: string;
}

export class ChangeRoleDto extends AdminActionDto implements ChangeRoleRequest {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() territoryId?: string;
}

export class RoleImpactQueryDto implements RoleImpactQuery {
  @ApiPropertyOptional({ enum: ROLES, description: 'The role the assignment would become' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'The territory the assignment would cover' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;
}
