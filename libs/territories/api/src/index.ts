export * from './lib/territories.module';
export * from './lib/territories.service';
export { TerritoryEntity } from './lib/entities/territory.entity';
