import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ActionLink,
  InviteUserResponse,
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
import { AssignRoleDto, InviteUserDto, ListUsersQueryDto } from '../dto/identity.dto';
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

  @Delete(':id/roles/:assignmentId')
  @ApiContractResponse('UserSummary')
  removeRole(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @UuidParam('assignmentId') assignmentId: string,
  ): Promise<UserSummary> {
    return this.users.removeRole(principal, id, assignmentId);
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('UserSummary')
  disable(@CurrentUser() principal: AuthPrincipal, @UuidParam('id') id: string): Promise<UserSummary> {
    return this.users.setDisabled(principal, id, true);
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
