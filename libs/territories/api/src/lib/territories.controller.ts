import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Territory, TerritoryDetail } from '@tc/shared/contracts';
import {
  AuthPrincipal,
  CurrentUser,
  Roles,
  SignedIn,
  UuidParam,
  ApiProblemResponses,
  ApiContractResponse,
} from '@tc/shared/api';
import { TerritoriesService } from './territories.service';
import {
  CreateTerritoryDto,
  ListTerritoriesQueryDto,
  SearchTerritoriesQueryDto,
  UpdateTerritoryDto,
} from './dto/territory.dto';

@ApiProblemResponses()
@ApiTags('territories')
@ApiBearerAuth()
@Controller('territories')
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Get()
  @SignedIn()
  @ApiContractResponse('Territory', { isArray: true, description: 'Children of parentId, or the roots' })
  list(@Query() query: ListTerritoriesQueryDto): Promise<Territory[]> {
    return this.territories.list(query.parentId);
  }

  /** Find a territory by part of its name or code, instead of walking down the tree. */
  @Get('search')
  @SignedIn()
  @ApiContractResponse('TerritoryDetail', {
    isArray: true,
    description: 'At most 20, each with its ancestors; the shallowest first',
  })
  search(@Query() query: SearchTerritoriesQueryDto): Promise<TerritoryDetail[]> {
    return this.territories.search(query);
  }

  @Get(':id')
  @SignedIn()
  @ApiContractResponse('TerritoryDetail')
  detail(@UuidParam('id') id: string): Promise<TerritoryDetail> {
    return this.territories.detail(id);
  }

  @Post()
  @Roles('admin')
  @ApiContractResponse('Territory', { status: 201 })
  create(@CurrentUser() principal: AuthPrincipal, @Body() dto: CreateTerritoryDto): Promise<Territory> {
    return this.territories.create(principal, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiContractResponse('Territory')
  update(
    @CurrentUser() principal: AuthPrincipal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTerritoryDto,
  ): Promise<Territory> {
    return this.territories.update(principal, id, dto);
  }
}
