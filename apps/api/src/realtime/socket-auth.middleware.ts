import type { Socket } from 'socket.io';
import type { AuthPrincipal } from '../access/principal';
import type { PrincipalResolver } from '../access/principal-resolver';

export interface AuthenticatedSocketData {
  principal: AuthPrincipal;
}

/**
 * socket.io middleware for every namespace: the handshake carries the same access token as HTTP
 * (`auth.token`); without a valid one the connection is refused with `connect_error` "unauthenticated".
 */
export function socketAuthMiddleware(resolver: PrincipalResolver) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    const token: unknown = socket.handshake.auth?.['token'];
    const principal = typeof token === 'string' && token.length < 4096 ? await resolver.fromAccessToken(token).catch(() => null) : null;
    if (!principal) return next(new Error('unauthenticated'));
    (socket.data as AuthenticatedSocketData).principal = principal;
    next();
  };
}
