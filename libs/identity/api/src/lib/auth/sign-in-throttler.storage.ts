import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a Redis command may take before the process counts in memory instead (ms). */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** The name of the API's connections in Redis's `CLIENT LIST` (followed by `:` and the key prefix). */
export const REDIS_CONNECTION_NAME = 'tc-sign-in-limits';

/**
 * Where the sign-in, reset and link throttlers count attempts.
 *
 * Without Redis (the embedded default, one process): in this process's memory. With Redis: in Redis,
 * so every API process behind the load balancer shares one count per IP and per account.
 *
 * When Redis cannot be reached (down, restarting, too slow), the count falls back to this process's
 * memory: it **degrades**, it neither fails open nor fails closed. Failing closed (429 or 5xx for
 * everyone) would turn a cache outage into a sign-in outage for every coach, although Redis holds
 * nothing but counters. Failing open (no limit) would leave passwords to unlimited guessing while
 * Redis is away. Counting locally keeps a limit of (limit × number of processes) during the outage,
 * and the account lockout (kept in PostgreSQL) still applies. The switch and the return are logged.
 */
export class SignInThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('SignInThrottler');
  private readonly memory = new ThrottlerStorageService();
  private readonly redis: Redis | null;
  private readonly shared: ThrottlerStorageRedisService | null;
  private degraded = false;

  constructor(redis: { url: string; keyPrefix: string } | null) {
    if (!redis) {
      this.redis = null;
      this.shared = null;
      return;
    }
    this.redis = new Redis(redis.url, {
      keyPrefix: redis.keyPrefix,
      // Named with the key prefix: CLIENT LIST tells which deployment (or test run) holds a connection.
      connectionName: `${REDIS_CONNECTION_NAME}:${redis.keyPrefix.replace(/[^\w:.-]/g, '_')}`,
      // A command while disconnected fails at once instead of waiting in a queue: sign-in must not
      // hang on Redis. The client keeps reconnecting in the background.
      enableOfflineQueue: false,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
    });
    // Connection errors are expected while Redis is away; each request says what it did instead.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  /** Whether counts are meant to be shared in Redis (they may still fall back to memory). */
  get usesRedis(): boolean {
    return this.shared !== null;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.shared) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis is back: sign-in limits are shared again.');
        }
        return record;
      } catch (error: unknown) {
        if (!this.degraded) {
          this.degraded = true;
          this.logger.warn(
            `Redis unreachable (${error instanceof Error ? error.message : String(error)}): sign-in limits are counted in this process until it returns.`,
          );
        }
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
    this.redis?.disconnect(false);
  }
}
