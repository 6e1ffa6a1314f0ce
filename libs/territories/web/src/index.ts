export * from './lib/data-access/territories.service';
export * from './lib/data-access/territory-editing';
export * from './lib/territory-picker/territory-picker.component';
export * from './lib/territories.routes';
