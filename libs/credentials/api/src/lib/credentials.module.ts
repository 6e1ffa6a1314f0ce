import { DynamicModule, Module } from '@nestjs/common';
import { CREDENTIALS_OPTIONS, type CredentialsModuleOptions } from './credentials.options';
import { CredentialsController, DidDocumentController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerKeysService } from './issuer-keys.service';
import { resolveKeySecret } from './key-secret';
import { StatusListsService } from './status-lists.service';

@Module({})
export class CredentialsModule {
  /** Global: the awarding domains (learning) issue and revoke through `CredentialsService`. */
  static forRoot(options: CredentialsModuleOptions): DynamicModule {
    return {
      module: CredentialsModule,
      global: true,
      controllers: [DidDocumentController, CredentialsController],
      providers: [
        { provide: CREDENTIALS_OPTIONS, useFactory: () => resolveKeySecret(options) },
        IssuerKeysService,
        StatusListsService,
        CredentialsService,
      ],
      exports: [CredentialsService],
    };
  }
}
