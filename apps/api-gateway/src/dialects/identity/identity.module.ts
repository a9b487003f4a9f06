import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CallsModule } from '../../calls/calls.module';
import { FaceApiModule } from '../../face-api/face-api.module';
import { IdentityUsersController } from './identity-users.controller';
import { IdentityUsersService } from './identity-users.service';
import { XApiKeyGuard } from './x-api-key.guard';

/** Seed 002's identity users API: /users/{USER_ID} and /users/search, with x-api-key. */
@Module({
  imports: [AuthModule, CallsModule, FaceApiModule],
  controllers: [IdentityUsersController],
  providers: [IdentityUsersService, XApiKeyGuard],
})
export class IdentityModule {}
