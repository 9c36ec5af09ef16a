import { Global, Module } from '@nestjs/common';
import { AccessChanges } from './access-changes';
import { AccessService } from './access.service';

@Global()
@Module({ providers: [AccessService, AccessChanges], exports: [AccessService, AccessChanges] })
export class AccessModule {}
