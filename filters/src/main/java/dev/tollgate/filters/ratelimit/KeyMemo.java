package dev.tollgate.filters.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tollgate.filters.ratelimit.store.BucketKeys;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.BucketStore;

/**
 * The shared store's bucket keys, built once per (route, policy, client) and then looked up by the strings the
 * request already holds: a decision the lease answers builds no key string (building one encodes both ids and
 * allocates four objects). Bounded per route and policy; an evicted key is simply built again.
 */
final class KeyMemo {

	/** Clients remembered per route and policy: the busy ones, which are the ones that lease. */
	static final int CLIENTS_PER_ROUTE = 20_000;

	private final BucketKeys keys;

	private final BucketStore store;

	private final Map<String, Map<BucketSpec, Cache<String, String>>> byRoute = new ConcurrentHashMap<>();

	KeyMemo(BucketKeys keys, BucketStore store) {
		this.keys = keys;
		this.store = store;
	}

	String key(String routeId, String clientId, BucketSpec spec) {
		Cache<String, String> clients = clients(routeId, spec);
		String key = clients.getIfPresent(clientId);
		if (key == null) {
			key = this.keys.key(routeId, clientId, spec, this.store);
			clients.put(clientId, key);
		}
		return key;
	}

	private Cache<String, String> clients(String routeId, BucketSpec spec) {
		Map<BucketSpec, Cache<String, String>> specs = this.byRoute.get(routeId);
		if (specs == null) {
			specs = this.byRoute.computeIfAbsent(routeId, (r) -> new ConcurrentHashMap<>());
		}
		Cache<String, String> clients = specs.get(spec);
		if (clients == null) {
			clients = specs.computeIfAbsent(spec,
					(s) -> Caffeine.newBuilder().maximumSize(CLIENTS_PER_ROUTE).build());
		}
		return clients;
	}

}
