import { Public } from '@latchkey/building-blocks';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProjectionRunner } from '@latchkey/event-store';

@ApiTags('Operations')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get('health')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is up.' })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The read models have caught up with the event store.' })
  @ApiServiceUnavailableResponse({ description: 'The read models are still catching up, or a projection failed.' })
  ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const ready = this.projections.caughtUp;
    reply.code(ready ? 200 : 503);
    if (!ready) reply.header('retry-after', '1');
    return { status: ready ? 'ready' : this.projections.failure ? 'failed' : 'catching_up', position: this.projections.position };
  }
}
