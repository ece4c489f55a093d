package dev.tollgate.redis;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;

/**
 * When Redis last answered a command on any of a connector's connections, through Lettuce's per-command latency hook
 * (called on every reply, error replies included: they are answers too). The status probe asks it before taking a
 * late {@code PING} for an outage: on a host whose cores are saturated, the probe's reply can be read after its
 * timeout while every store's commands are still being answered. The load harness saw exactly that: two late probes
 * marked Redis down, and API-key callers got 503s from a Redis that was fine.
 */
final class RedisAnswers implements CommandLatencyRecorder {

	private volatile long lastAnswer = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

	@Override
	public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
			long firstResponseLatency, long completionLatency) {
		this.lastAnswer = System.nanoTime();
	}

	/** Whether any command was answered after {@code nanos} ({@link System#nanoTime()}). */
	boolean answeredSince(long nanos) {
		return this.lastAnswer - nanos > 0;
	}

}
