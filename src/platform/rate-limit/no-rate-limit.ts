import { SetMetadata } from '@nestjs/common';

export const NO_RATE_LIMIT_KEY = 'rate-limit:exempt';

/** A route outside the request rate limit: probes and scrapes (health, metrics) must always answer. */
export const NoRateLimit = () => SetMetadata(NO_RATE_LIMIT_KEY, true);
