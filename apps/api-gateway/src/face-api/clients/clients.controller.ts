import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessTokenGuard } from '../../auth/access-token.guard';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { QuotaService } from '../../quota/quota.service';
import { trxOnlyRequest } from '../dto/requests';
import { parseRequest } from '../dto/parse-request';
import { NativeCallService } from '../native-call.service';
import { NativeEndpoint, num, str, strList } from '../openapi';
import { ClientRegistrationService } from './client-registration.service';

@ApiTags('face-api: client')
@Controller('face-api/client')
@UseGuards(AccessTokenGuard)
export class ClientsController {
  constructor(
    private readonly calls: NativeCallService,
    private readonly registration: ClientRegistrationService,
    private readonly quota: QuotaService,
  ) {}

  @Post('register')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Register the client and create its default face gallery', request: trxOnlyRequest, response: { facegallery_id: str } })
  register(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(trxOnlyRequest, body);
    return this.calls.run(
      { clientId: client.id, endpoint: 'client/register', input, billable: false, response: res },
      async () => ({ facegallery_id: await this.registration.register(client) }),
    );
  }

  @Delete('delete')
  @HttpCode(200)
  @NativeEndpoint({ summary: 'Delete every face gallery, person and face of the client', request: trxOnlyRequest, response: { facegallery_id: strList } })
  remove(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseRequest(trxOnlyRequest, body);
    return this.calls.run(
      { clientId: client.id, endpoint: 'client/delete', input, billable: false, response: res },
      async () => ({ facegallery_id: await this.registration.unregister(client.id) }),
    );
  }

  @Get('get-counters')
  @HttpCode(200)
  @NativeEndpoint({
    summary: 'Remaining quota: API hits, faces, face galleries',
    request: trxOnlyRequest,
    inQuery: true,
    response: { remaining_limit: { type: 'object', properties: { n_api_hits: num, n_face: num, n_facegallery: num } } },
  })
  counters(
    @CurrentClient() client: AuthenticatedClient,
    @Body() body: unknown,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = parseRequest(trxOnlyRequest, body, query);
    return this.calls.run(
      { clientId: client.id, endpoint: 'client/get-counters', input, billable: false, response: res },
      async () => ({ remaining_limit: await this.quota.remaining(client.id) }),
    );
  }
}
