import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type {
  ActionLink,
  InviteUserResponse,
  RoleImpact,
  SignInLockout,
  UserList,
  UserSummary,
} from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import {
  AdminActionDto,
  AssignRoleDto,
  ChangeRoleDto,
  InviteUserDto,
  ListUsersQueryDto,
  RoleImpactQueryDto,
} from '../dto/identity.dto';
import { UsersService } from './users.service';

/** Account administration; every action is limited to the admin's territories. */
@ApiProblemResponses()
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiContractResponse('UserList')
  list(@CurrentUser() principal: AuthPrincipal, @Query() query: ListUsersQueryDto): Promise<UserList> {
    return this.users.list(principal, query);
  }

  @Post('invitations')
  @ApiContractResponse('InviteUserResponse', { status: 201 })
  invite(@CurrentUser() principal: AuthPrincipal, @Body() dto: InviteUserDto): Promise<InviteUserResponse> {
    return this.users.invite(principal, dto);
  }

  @Get(':id')
  @ApiContractResponse('UserSummary')
  get(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<UserSummary> {
    return this.users.get(principal, id);
  }

  @Post(':id/roles')
  @ApiContractResponse('UserSummary', { status: 201 })
  assignRole(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: AssignRoleDto,
  ): Promise<UserSummary> {
    return this.users.assignRole(principal, id, dto);
  }

  /** Changes a role's role or territory (or both) in one step; one audit entry. */
  @Patch(':id/roles/:assignmentId')
  @ApiContractResponse('UserSummary')
  changeRole(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<UserSummary> {
    return this.users.changeRole(principal, id, assignmentId, dto);
  }

  /** The running enrolments a removal (or a change, with `role`/`territoryId`) would leave uncovered. */
  @Get(':id/roles/:assignmentId/impact')
  @ApiContractResponse('RoleImpact')
  roleImpact(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Query() query: RoleImpactQueryDto,
  ): Promise<RoleImpact> {
    return this.users.roleImpact(principal, id, assignmentId, query);
  }

  /** Removes a role; an optional JSON body gives the reason, kept in the audit entry. */
  @Delete(':id/roles/:assignmentId')
  @ApiBody({ type: AdminActionDto, required: false })
  @ApiContractResponse('UserSummary')
  removeRole(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('assignmentId') assignmentId: string,
    @Body() dto: AdminActionDto,
  ): Promise<UserSummary> {
    return this.users.removeRole(principal, id, assignmentId, dto.reason);
  }

  /** Disables the account at once (its sessions end); an optional reason is kept in the audit entry. */
  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: AdminActionDto, required: false })
  @ApiContractResponse('UserSummary')
  disable(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: AdminActionDto,
  ): Promise<UserSummary> {
    return this.users.setDisabled(principal, id, true, dto.reason);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('UserSummary')
  enable(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<UserSummary> {
    return this.users.setDisabled(principal, id, false);
  }

  /** Failed passwords and the sign-in lockout of this account. */
  @Get(':id/lockout')
  @ApiContractResponse('SignInLockout')
  lockout(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<SignInLockout> {
    return this.users.lockoutOf(principal, id);
  }

  /** Lifts the lockout and forgets the failed passwords (audited). */
  @Delete(':id/lockout')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('SignInLockout')
  clearLockout(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<SignInLockout> {
    return this.users.clearLockout(principal, id);
  }

  @Post(':id/password-reset')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('ActionLink')
  passwordReset(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<ActionLink> {
    return this.users.adminPasswordReset(principal, id);
  }
}
