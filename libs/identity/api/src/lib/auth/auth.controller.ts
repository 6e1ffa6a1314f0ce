import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignInThrottlerGuard } from './sign-in-throttler.guard';
import type {} from '@fastify/cookie'; // request.cookies, reply.setCookie
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ActionLinkInfo, Session } from '@tc/shared/contracts';
import { Public, ApiProblemResponses, ApiContractResponse } from '@tc/shared/api';
import { AcceptLinkDto, PasswordResetDto, SignInDto } from '../dto/identity.dto';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { LinksService } from '../links/links.service';
import { UsersService } from '../users/users.service';
import { AuthService, type IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'tc_refresh';
const COOKIE_PATH = '/api/v1/auth';

@ApiProblemResponses()
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly links: LinksService,
    private readonly users: UsersService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** Rate-limited per IP and per account (see IdentityModule's throttlers). */
  @Post('sign-in')
  @Public()
  @UseGuards(SignInThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('Session')
  async signIn(@Body() dto: SignInDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Session> {
    return this.withCookie(reply, await this.auth.signIn(dto.email, dto.password));
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('Session')
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Session> {
    try {
      return this.withCookie(reply, await this.auth.refresh(request.cookies[REFRESH_COOKIE]));
    } catch (error) {
      this.clearCookie(reply);
      throw error;
    }
  }

  @Post('sign-out')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.signOut(request.cookies[REFRESH_COOKIE]);
    this.clearCookie(reply);
  }

  /** Always 202 at once, whether or not the account exists: the link is made and mailed afterwards. */
  @Post('password-reset')
  @Public()
  @UseGuards(SignInThrottlerGuard)
  @HttpCode(HttpStatus.ACCEPTED)
  requestPasswordReset(@Body() dto: PasswordResetDto): void {
    this.users.requestPasswordReset(dto.email);
  }

  @Get('links/:token')
  @Public()
  @ApiContractResponse('ActionLinkInfo')
  linkInfo(@Param('token') token: string): Promise<ActionLinkInfo> {
    return this.links.info(token);
  }

  /** Sets the password from an invitation or reset link and signs the person in. */
  @Post('links/accept')
  @Public()
  @UseGuards(SignInThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiContractResponse('Session')
  async acceptLink(
    @Body() dto: AcceptLinkDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Session> {
    const userId = await this.links.accept(dto.token, dto.password);
    return this.withCookie(reply, await this.auth.startSession(userId, randomUUID(), new Date()));
  }

  private withCookie(reply: FastifyReply, issued: IssuedSession): Session {
    void reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.options.secureCookies,
      path: COOKIE_PATH,
      expires: issued.refreshExpiresAt,
    });
    return issued.session;
  }

  private clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.options.secureCookies,
    });
  }
}
