package dev.tollgate.filters.ratelimit.store;

/** How buckets are decided in Redis; both are exact across gateway instances. */
public enum RedisEngine {

	/** One Lua script per decision: one round trip whatever the contention. The default. */
	LUA,

	/** bucket4j's Lettuce compare-and-swap proxy manager: two round trips per attempt, retried under contention. */
	CAS

}
