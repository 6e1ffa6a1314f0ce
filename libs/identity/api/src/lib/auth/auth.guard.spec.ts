import { Controller, ExecutionContext, ForbiddenException, Get, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Public, Roles, SignedIn, type AuthPrincipal, type RequestWithPrincipal } from '@tc/shared/api';
import type { PrincipalService } from '../principal.service';
import { AuthGuard } from './auth.guard';

@Controller()
class Routes {
  @Get() @Public() open() {
    return 'open';
  }
  @Get() @SignedIn() mine() {
    return 'mine';
  }
  @Get() @Roles('admin', 'trainer') manage() {
    return 'manage';
  }
  @Get() undeclared() {
    return 'undeclared';
  }
}

@Roles('observer')
@Controller()
class ObserverRoutes {
  @Get() stats() {
    return 'stats';
  }
  @Get() @Public() about() {
    return 'about';
  }
}

const jwt = new JwtService({ secret: 'a-test-secret-of-at-least-32-characters!!' });
const coach: AuthPrincipal = {
  userId: 'coach-1',
  email: 'coach@example.org',
  roles: [{ assignmentId: 'r1', role: 'coach', territoryId: 't', territoryPath: '/t/' }],
};

function contextFor(
  cls: new () => object,
  method: string,
  authorization?: string,
): { ctx: ExecutionContext; request: RequestWithPrincipal } {
  const request: RequestWithPrincipal & { headers: Record<string, string> } = {
    headers: authorization ? { authorization } : {},
  };
  const handler = (cls.prototype as Record<string, () => void>)[method] as () => void;
  const ctx = {
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { ctx, request };
}

describe('AuthGuard: every route declares who may call it', () => {
  let loaded: AuthPrincipal | null;
  const load = jest.fn(async (_userId: string, _sessionId: string) => loaded);
  const guard = new AuthGuard(new Reflector(), jwt, { load } as unknown as PrincipalService);
  jest.spyOn(guard['logger'], 'error').mockImplementation(() => undefined);
  const session = '0b8e4c8e-3c1a-4f55-9d7e-2f4b6c1d9a10';
  const bearer = async (typ = 'access') =>
    `Bearer ${await jwt.signAsync({ sub: 'coach-1', sid: session, typ }, { expiresIn: 60 })}`;

  beforeEach(() => {
    loaded = coach;
  });

  it('lets anyone call a public route', async () => {
    await expect(guard.canActivate(contextFor(Routes, 'open').ctx)).resolves.toBe(true);
  });

  it('refuses a route that declares nothing, even to a signed-in person', async () => {
    await expect(
      guard.canActivate(contextFor(Routes, 'undeclared', await bearer()).ctx),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('needs a valid access token for a signed-in route, and puts the principal on the request', async () => {
    await expect(guard.canActivate(contextFor(Routes, 'mine').ctx)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(guard.canActivate(contextFor(Routes, 'mine', 'Bearer garbage').ctx)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(
      guard.canActivate(contextFor(Routes, 'mine', await bearer('refresh')).ctx),
    ).rejects.toBeInstanceOf(UnauthorizedException);
    const { ctx, request } = contextFor(Routes, 'mine', await bearer());
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(request.principal).toEqual(coach);
  });

  it('loads the principal of the token’s session, and refuses a token that names no session', async () => {
    load.mockClear();
    await expect(guard.canActivate(contextFor(Routes, 'mine', await bearer()).ctx)).resolves.toBe(true);
    expect(load).toHaveBeenCalledWith('coach-1', session);
    load.mockClear();
    const sessionless = await jwt.signAsync({ sub: 'coach-1', typ: 'access' }, { expiresIn: 60 });
    await expect(
      guard.canActivate(contextFor(Routes, 'mine', `Bearer ${sessionless}`).ctx),
    ).rejects.toBeInstanceOf(UnauthorizedException);
    const malformed = await jwt.signAsync({ sub: 'coach-1', sid: 'x', typ: 'access' }, { expiresIn: 60 });
    await expect(
      guard.canActivate(contextFor(Routes, 'mine', `Bearer ${malformed}`).ctx),
    ).rejects.toBeInstanceOf(UnauthorizedException);
    expect(load).not.toHaveBeenCalled();
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new JwtService({ secret: 'another-secret-another-secret-xx' }).signAsync({
      sub: 'coach-1',
      typ: 'access',
    });
    await expect(
      guard.canActivate(contextFor(Routes, 'mine', `Bearer ${forged}`).ctx),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a valid token of a disabled or deleted person, or of an ended session', async () => {
    loaded = null;
    await expect(guard.canActivate(contextFor(Routes, 'mine', await bearer()).ctx)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('checks the declared roles', async () => {
    await expect(guard.canActivate(contextFor(Routes, 'manage', await bearer()).ctx)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    loaded = {
      ...coach,
      roles: [
        ...coach.roles,
        { assignmentId: 'r2', role: 'trainer', territoryId: 't', territoryPath: '/t/' },
      ],
    };
    await expect(guard.canActivate(contextFor(Routes, 'manage', await bearer()).ctx)).resolves.toBe(true);
  });

  it('applies a controller-level rule to its routes; a method-level @Public overrides it', async () => {
    await expect(
      guard.canActivate(contextFor(ObserverRoutes, 'stats', await bearer()).ctx),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(guard.canActivate(contextFor(ObserverRoutes, 'about').ctx)).resolves.toBe(true);
  });
});
