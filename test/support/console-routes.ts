import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { IS_PUBLIC } from '@latchkey/building-blocks';
import { REQUIRED_SCOPE, type ScopeRequirement } from '@latchkey/identity';
import type { TestApp } from './test-app';

export interface ConsoleRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As Nest registered it, e.g. `/console/v1/credentials/:id`. */
  path: string;
  public: boolean;
  /** What the route declares for API tokens (method over class); undefined when it declares nothing. */
  scope: ScopeRequirement | undefined;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller of the running application under `/console/v1`, read from Nest's own metadata. */
export function consoleRoutes(t: TestApp): ConsoleRoute[] {
  const routes: ConsoleRoute[] = [];
  for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!type) continue;
    const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[];
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      for (const prefix of Array.isArray(base) ? base : [base]) {
        const full = join(prefix ?? '', path);
        if (!full.startsWith('/console/v1/')) continue;
        routes.push({
          method: RequestMethod[method] as ConsoleRoute['method'],
          path: full,
          public: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)),
          scope: (Reflect.getMetadata(REQUIRED_SCOPE, handler) ?? Reflect.getMetadata(REQUIRED_SCOPE, type)) as ScopeRequirement | undefined,
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
