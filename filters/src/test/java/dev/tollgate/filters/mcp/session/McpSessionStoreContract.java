package dev.tollgate.filters.mcp.session;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link McpSessionStore} must do; each backend's test only says how to build the store and how to make
 * a binding expire.
 */
abstract class McpSessionStoreContract {

	static final Duration TTL = Duration.ofHours(1);

	final String route = "route-" + UUID.randomUUID();

	abstract McpSessionStore store();

	/** Make the binding of this session expire, as if its TTL had passed. */
	abstract void expire(String routeId, String sessionId);

	static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
		return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
	}

	@Test
	void ownerWhenBoundThenTheOwner() {
		await(store().bind(this.route, "s-1", "owner-a", TTL));
		assertThat(await(store().owner(this.route, "s-1", TTL))).isEqualTo("owner-a");
	}

	@Test
	void ownerWhenNeverBoundThenNull() {
		assertThat(await(store().owner(this.route, "s-unknown", TTL))).isNull();
	}

	@Test
	void ownerWhenBoundOnAnotherRouteThenNull() {
		await(store().bind(this.route, "s-2", "owner-a", TTL));
		assertThat(await(store().owner(this.route + "-other", "s-2", TTL))).isNull();
	}

	@Test
	void ownerWhenExpiredThenNull() {
		await(store().bind(this.route, "s-3", "owner-a", TTL));
		expire(this.route, "s-3");
		assertThat(await(store().owner(this.route, "s-3", TTL))).isNull();
	}

	@Test
	void ownerWhenForgottenThenNull() {
		await(store().bind(this.route, "s-4", "owner-a", TTL));
		await(store().forget(this.route, "s-4"));
		assertThat(await(store().owner(this.route, "s-4", TTL))).isNull();
	}

	@Test
	void bindWhenSessionIdReusedThenLatestOwner() {
		await(store().bind(this.route, "s-5", "owner-a", TTL));
		await(store().bind(this.route, "s-5", "owner-b", TTL));
		assertThat(await(store().owner(this.route, "s-5", TTL))).isEqualTo("owner-b");
	}

}
