package dev.tollgate.filters.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.tollgate.redis.RedisStatus;

/**
 * Redis as the status probe last saw it: UP while pings are answered, DOWN while it is unreachable or hung (stores
 * then apply their failure policies). Reads the probe's last result; never sends a command itself, so a health
 * check cannot pile onto a sick Redis.
 */
public final class RedisHealthIndicator implements HealthIndicator {

	private final RedisStatus status;

	public RedisHealthIndicator(RedisStatus status) {
		this.status = status;
	}

	@Override
	public Health health() {
		RedisStatus.Snapshot snapshot = this.status.snapshot();
		Health.Builder health = switch (snapshot.state()) {
			case UP -> Health.up();
			case DOWN -> Health.down();
			case STARTING -> Health.unknown();
		};
		health.withDetail("topology", this.status.description()).withDetail("since", snapshot.since().toString());
		if (snapshot.lastLatency() != null) {
			health.withDetail("pingMicros", snapshot.lastLatency().toNanos() / 1_000);
		}
		if (snapshot.lastError() != null) {
			health.withDetail("lastError", snapshot.lastError());
		}
		return health.build();
	}

}
