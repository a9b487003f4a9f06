import { Body, Controller, Header, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { OAuthService, type TokenResponse } from './oauth.service';
import { tokenRequestBody, type TokenRequestBody } from './token-request';

@ApiTags('oauth')
@Controller('oauth')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  /** Accepts JSON or a form body; token responses must not be cached (RFC 6749 5.1). */
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(
    @Body(new ZodValidationPipe(tokenRequestBody)) body: TokenRequestBody,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<TokenResponse> {
    return this.oauth.token(body, authorization);
  }
}
