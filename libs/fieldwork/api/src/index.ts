export { FieldworkModule } from './lib/fieldwork.module';
