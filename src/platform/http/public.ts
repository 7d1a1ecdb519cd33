import { SetMetadata } from '@nestjs/common';

/** Metadata key the global AuthGuard (modules/auth) reads. */
export const PUBLIC_KEY = 'auth:public';

/**
 * A route or resolver anyone may call without credentials (health, metrics, sign-up,
 * sign-in). In platform so that platform controllers (metrics) can mark themselves public
 * without depending on a feature module.
 */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
