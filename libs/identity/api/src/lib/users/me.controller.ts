import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Me } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  SignedIn,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { UpdateProfileDto } from '../dto/identity.dto';
import { UsersService } from './users.service';

@ApiProblemResponses()
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @SignedIn()
  @ApiContractResponse('Me')
  me(@CurrentUser() principal: AuthPrincipal): Promise<Me> {
    return this.users.me(principal.userId);
  }

  @Patch()
  @SignedIn()
  @ApiContractResponse('Me')
  update(@CurrentUser() principal: AuthPrincipal, @Body() dto: UpdateProfileDto): Promise<Me> {
    return this.users.updateProfile(principal.userId, dto);
  }
}
