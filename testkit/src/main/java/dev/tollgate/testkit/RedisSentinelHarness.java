package dev.tollgate.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A real Sentinel deployment for tests: a primary, one replica and one Sentinel (quorum one), each a
 * {@code redis-server} process on a free loopback port. {@link #failover()} promotes the replica as an operator's
 * {@code SENTINEL FAILOVER} does. Owned by the caller: close it when done.
 */
public final class RedisSentinelHarness implements AutoCloseable {

	/** The name the Sentinel knows the primary by. */
	public static final String PRIMARY_NAME = "tollgate";

	private static final Duration READY = Duration.ofSeconds(30);

	private final RedisServerProcess primary;

	private final RedisServerProcess replica;

	private final RedisServerProcess sentinel;

	private RedisSentinelHarness(RedisServerProcess primary, RedisServerProcess replica,
			RedisServerProcess sentinel) {
		this.primary = primary;
		this.replica = replica;
		this.sentinel = sentinel;
	}

	/** Starts the three processes and returns once the replica is in sync and the Sentinel has seen it. */
	public static RedisSentinelHarness start() {
		String executable = RedisServerProcess.findExecutable();
		if (executable == null) {
			throw new IllegalStateException("no Redis Sentinel for tests: install redis-server");
		}
		RedisServerProcess primary = RedisServerProcess.launch(executable);
		RedisServerProcess replica = RedisServerProcess.launch(executable,
				port -> List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
		RedisServerProcess sentinel = RedisServerProcess.launchSentinel(executable, PRIMARY_NAME, primary.port());
		RedisSentinelHarness harness = new RedisSentinelHarness(primary, replica, sentinel);
		RedisServerProcess.awaitUntil(() -> replica.call(r -> r.info("replication")).contains("master_link_status:up")
				&& sentinel.call(r -> r.info("sentinel")).contains("slaves=1"), READY,
				"Redis Sentinel: replica in sync and known to Sentinel");
		return harness;
	}

	/** {@code redis-sentinel://127.0.0.1:<port>#tollgate}. */
	public String uri() {
		return "redis-sentinel://" + this.sentinel.host() + ":" + this.sentinel.port() + "#" + PRIMARY_NAME;
	}

	/** The port of the server that is primary now. */
	public int primaryPort() {
		return this.sentinel.call(r -> Integer.parseInt(r.dispatch(io.lettuce.core.protocol.CommandType.SENTINEL,
				new io.lettuce.core.output.ValueListOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
				new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
					.add("GET-MASTER-ADDR-BY-NAME")
					.add(PRIMARY_NAME))
			.get(1)));
	}

	/** {@code SENTINEL FAILOVER}: the replica becomes primary; returns once the Sentinel reports the new one. */
	public void failover() {
		int before = primaryPort();
		this.sentinel.call(r -> r.dispatch(io.lettuce.core.protocol.CommandType.SENTINEL,
				new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
				new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("FAILOVER")
					.add(PRIMARY_NAME)));
		RedisServerProcess.awaitUntil(() -> primaryPort() != before
				&& (before == this.primary.port() ? this.replica : this.primary).call(x -> x.info("replication"))
					.contains("role:master"), READY, "Redis Sentinel: failover to the replica");
	}

	@Override
	public void close() {
		this.sentinel.close();
		this.replica.close();
		this.primary.close();
	}

}
