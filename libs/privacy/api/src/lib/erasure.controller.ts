import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  AdminErasureRequestList,
  ErasureRequest,
  ErasureResult,
  MyErasureRequest,
} from '@tc/shared/contracts';
import {
  ApiContractResponse,
  ApiProblemResponses,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  type AuthPrincipal,
} from '@tc/shared/api';
import { ErasureAskDto, ListErasureRequestsQueryDto, NoPrivacyQueryDto } from './dto/privacy.dto';
import { ErasureService } from './erasure.service';

/** Erasure: a person asks for themselves; an admin whose territories cover all their roles confirms. */
@ApiProblemResponses()
@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  /** The signed-in person's request to be erased, if any. */
  @Get('me/erasure-request')
  @SignedIn()
  @ApiContractResponse('MyErasureRequest')
  mine(@CurrentUser() principal: AuthPrincipal): Promise<MyErasureRequest> {
    return this.erasure.mine(principal);
  }

  /** The signed-in person asks to be erased; an admin of their territory then confirms. */
  @Post('me/erasure-request')
  @HttpCode(HttpStatus.ACCEPTED)
  @SignedIn()
  @ApiContractResponse('ErasureRequest', { status: HttpStatus.ACCEPTED })
  request(
    @CurrentUser() principal: AuthPrincipal,
    @Body() _dto: ErasureAskDto,
    @Query() _query: NoPrivacyQueryDto,
  ): Promise<ErasureRequest> {
    return this.erasure.request(principal);
  }

  /**
   * The requests to be erased of the people this admin may erase (every role in their territories; a
   * national admin: all), pending (oldest first) or done (newest first).
   */
  @Get('admin/erasure-requests')
  @Roles('admin')
  @ApiContractResponse('AdminErasureRequestList')
  list(
    @CurrentUser() principal: AuthPrincipal,
    @Query() query: ListErasureRequestsQueryDto,
  ): Promise<AdminErasureRequestList> {
    return this.erasure.list(principal, query);
  }

  /** Erases a person who asked for it (not asked: 409; outside the admin's territories: 404/403). */
  @Post('admin/users/:id/erase')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiContractResponse('ErasureResult')
  erase(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Query() _query: NoPrivacyQueryDto,
  ): Promise<ErasureResult> {
    return this.erasure.confirm(principal, id);
  }
}
