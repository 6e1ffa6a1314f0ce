export * from './lib/auth/auth.service';
export * from './lib/auth/auth.interceptor';
export * from './lib/auth/auth.guards';
export * from './lib/me/me.service';
export * from './lib/navigation/navigation';
export * from './lib/auth.routes';
export * from './lib/account.routes';
export * from './lib/users.routes';
