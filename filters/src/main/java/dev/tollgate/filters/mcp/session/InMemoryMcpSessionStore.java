package dev.tollgate.filters.mcp.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Session bindings of a lone gateway. Bounded: when full, expired entries are swept, and if it is still full the
 * new binding is refused (the session then gets 404 and the client initializes again) rather than evicting a live
 * one.
 */
public final class InMemoryMcpSessionStore implements McpSessionStore {

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int maxEntries;

	public InMemoryMcpSessionStore(Clock clock, int maxEntries) {
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	@Override
	public CompletionStage<Void> bind(String routeId, String sessionId, String owner, Duration ttl) {
		if (this.entries.size() >= this.maxEntries) {
			Instant now = this.clock.instant();
			this.entries.values().removeIf(e -> !e.expiresAt().isAfter(now));
			if (this.entries.size() >= this.maxEntries) {
				return CompletableFuture.failedFuture(new IllegalStateException("session store full"));
			}
		}
		this.entries.put(SessionKeys.key("", routeId, sessionId), new Entry(owner, this.clock.instant().plus(ttl)));
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletionStage<String> owner(String routeId, String sessionId, Duration ttl) {
		String key = SessionKeys.key("", routeId, sessionId);
		Instant now = this.clock.instant();
		Entry entry = this.entries.computeIfPresent(key,
				(k, e) -> e.expiresAt().isAfter(now) ? new Entry(e.owner(), now.plus(ttl)) : null);
		return CompletableFuture.completedFuture((entry != null) ? entry.owner() : null);
	}

	@Override
	public CompletionStage<Void> forget(String routeId, String sessionId) {
		this.entries.remove(SessionKeys.key("", routeId, sessionId));
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public String name() {
		return "memory";
	}

	private record Entry(String owner, Instant expiresAt) {
	}

}
