package dev.tollgate.filters.mcp.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryMcpSessionStoreTests extends McpSessionStoreContract {

	final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");

	final InMemoryMcpSessionStore store = new InMemoryMcpSessionStore(this.clock, 2);

	@Override
	McpSessionStore store() {
		return this.store;
	}

	@Override
	void expire(String routeId, String sessionId) {
		this.clock.advance(TTL.plusSeconds(1));
	}

	@Test
	void ownerWhenUsedThenLifetimeRenewed() {
		await(this.store.bind(this.route, "s", "owner", Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(8));
		assertThat(await(this.store.owner(this.route, "s", Duration.ofMinutes(10)))).isEqualTo("owner");
		this.clock.advance(Duration.ofMinutes(8));
		assertThat(await(this.store.owner(this.route, "s", Duration.ofMinutes(10)))).isEqualTo("owner");
	}

	@Test
	void bindWhenFullOfLiveBindingsThenRefusedRatherThanEvictingOne() {
		await(this.store.bind(this.route, "a", "owner", TTL));
		await(this.store.bind(this.route, "b", "owner", TTL));
		assertThatThrownBy(() -> await(this.store.bind(this.route, "c", "owner", TTL)))
			.hasCauseInstanceOf(IllegalStateException.class);
		assertThat(await(this.store.owner(this.route, "a", TTL))).isEqualTo("owner");
	}

	@Test
	void bindWhenFullOfExpiredBindingsThenSweptAndStored() {
		await(this.store.bind(this.route, "a", "owner", TTL));
		await(this.store.bind(this.route, "b", "owner", TTL));
		this.clock.advance(TTL.plusSeconds(1));
		await(this.store.bind(this.route, "c", "owner", TTL));
		assertThat(await(this.store.owner(this.route, "c", TTL))).isEqualTo("owner");
	}

}
