import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoryEntity } from './entities/territory.entity';
import { TerritoriesController } from './territories.controller';
import { TerritoriesService } from './territories.service';
import { TerritoryAuditLabels, TerritoryAuditScope } from './territory-audit';

@Module({
  imports: [TypeOrmModule.forFeature([TerritoryEntity])],
  controllers: [TerritoriesController],
  providers: [TerritoriesService, TerritoryAuditLabels, TerritoryAuditScope],
  exports: [TerritoriesService],
})
export class TerritoriesModule {}
