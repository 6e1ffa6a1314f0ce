import { ArgumentsHost, Catch, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from '@tc/shared/api';

/**
 * Problem details for the API; for a browser asking for a page outside /api, the Angular app's
 * index.html, so deep links (/admin/users, /links/…) work on reload.
 */
@Catch()
export class SpaFallbackFilter extends ProblemDetailsFilter {
  constructor(private readonly indexHtml: string | null) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (
      this.indexHtml &&
      exception instanceof NotFoundException &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      request.url !== '/api' &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      void host
        .switchToHttp()
        .getResponse<FastifyReply>()
        .status(200)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(this.indexHtml);
      return;
    }
    super.catch(exception, host);
  }
}
