import { Body, Controller, Delete, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentClient, type AuthenticatedClient } from '../../auth/current-client.decorator';
import { MeteredCallService } from '../../calls/metered-call.service';
import { parseWithSchema } from '../../validation/parse-with-schema';
import { IdentityEndpoint } from './identity-openapi';
import { enrolRequest, searchRequest, userIdParam } from './identity-requests';
import { IdentityUsersService } from './identity-users.service';
import { XApiKeyGuard } from './x-api-key.guard';

/** Seed 002: enrol, search and unenrol users of the client's collection. */
@ApiTags('seed 002: identity users')
@Controller('users')
@UseGuards(XApiKeyGuard)
export class IdentityUsersController {
  constructor(
    private readonly calls: MeteredCallService,
    private readonly users: IdentityUsersService,
  ) {}

  // Declared before :userId so that "search" is never taken for a user id.
  @Post('search')
  @HttpCode(200)
  @IdentityEndpoint({ summary: '1:N search: enrolled users at or above threshold (0..100, default 80 = FAR 1e-3), best first', request: searchRequest })
  async search(@CurrentClient() client: AuthenticatedClient, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const input = parseWithSchema(searchRequest, body);
    const image = this.users.decodeFace(input.face);
    // A search that finds nobody did the work: billed as a native identify without a match, then answered 404.
    const matches = await this.calls.run({ clientId: client.id, endpoint: 'users/search', input: {}, billable: true, response: res }, () =>
      this.users.search(client, image, input.threshold),
    );
    return this.users.answerFor(matches);
  }

  @Post(':userId')
  @HttpCode(200)
  @IdentityEndpoint({ summary: 'Enrol a new user from the largest face; an existing USER_ID is refused', request: enrolRequest })
  enrol(@CurrentClient() client: AuthenticatedClient, @Param() params: unknown, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { userId } = parseWithSchema(userIdParam, params);
    const image = this.users.decodeFace(parseWithSchema(enrolRequest, body).face);
    return this.calls.run({ clientId: client.id, endpoint: 'users/enroll', input: {}, billable: true, response: res }, () =>
      this.users.enrol(client, userId, image),
    );
  }

  @Delete(':userId')
  @HttpCode(200)
  @IdentityEndpoint({ summary: 'Unenrol a user and all their faces' })
  remove(@CurrentClient() client: AuthenticatedClient, @Param() params: unknown, @Res({ passthrough: true }) res: Response) {
    const { userId } = parseWithSchema(userIdParam, params);
    return this.calls.run({ clientId: client.id, endpoint: 'users/unenroll', input: {}, billable: false, response: res }, () =>
      this.users.remove(client, userId),
    );
  }
}
