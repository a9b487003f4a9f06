import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { AccessTokenGuard, BearerTokenGuard, XAccessTokenGuard } from './access-token.guard';
import { AuthService } from './auth.service';

/** Import it where AccessTokenGuard is used: the guard is built in the importing module. */
@Module({ imports: [CryptoModule], providers: [AuthService, AccessTokenGuard, BearerTokenGuard, XAccessTokenGuard], exports: [AuthService, AccessTokenGuard, BearerTokenGuard, XAccessTokenGuard] })
export class AuthModule {}
