export * from './lib/fieldwork.routes';
export { FieldOutboxService } from './lib/offline/field-outbox.service';
