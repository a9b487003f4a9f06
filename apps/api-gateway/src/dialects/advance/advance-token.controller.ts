import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { RequestWithClient } from '../../auth/authenticated-client';
import { advanceSuccess } from './advance-envelope';
import { AdvanceTokenService } from './advance-token.service';

/** Seed 004's Token Authentication. */
@ApiTags('seed 004: ADVANCE-style')
@Controller('openapi/auth/ticket/v1')
export class AdvanceTokenController {
  constructor(private readonly tokens: AdvanceTokenService) {}

  @Post('generate-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Access token for X-ACCESS-TOKEN from accessKey, 13-digit timestamp, SHA-256 signature and periodSecond (60..86400, default 3600)' })
  async generate(@Body() body: unknown, @Req() req: RequestWithClient, @Res({ passthrough: true }) res: Response) {
    const { client, token, expiredTime } = await this.tokens.generate(body);
    // The ledger records the call against the client it authenticated.
    req.client = client;
    res.locals.outcome = 'SUCCESS';
    return advanceSuccess({ token, expiredTime }, res.locals.trxId as string, 'FREE');
  }
}
