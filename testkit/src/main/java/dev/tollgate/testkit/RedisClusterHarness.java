package dev.tollgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;

/**
 * A real Redis Cluster for tests: three primaries and three replicas, each a {@code redis-server
 * --cluster-enabled yes} process on free loopback ports (data and bus port chosen explicitly), joined with
 * {@code redis-cli --cluster create}. {@link #shared()} is one per JVM; {@link #dedicated()} is the caller's, e.g.
 * for a failover.
 */
public final class RedisClusterHarness implements AutoCloseable {

	private static final int PRIMARIES = 3;

	private static final Duration READY = Duration.ofSeconds(30);

	private static RedisClusterHarness shared;

	private final List<RedisServerProcess> nodes;

	private final boolean dedicated;

	private RedisClusterHarness(List<RedisServerProcess> nodes, boolean dedicated) {
		this.nodes = nodes;
		this.dedicated = dedicated;
	}

	/** The JVM-wide cluster; {@link #close()} on it does nothing. */
	public static synchronized RedisClusterHarness shared() {
		if (shared == null) {
			shared = launch(false);
		}
		return shared;
	}

	/** A cluster only the caller uses; close it when done. */
	public static RedisClusterHarness dedicated() {
		return launch(true);
	}

	/** Whether a cluster can be started here: {@code redis-server} and {@code redis-cli} are installed. */
	public static boolean available() {
		return RedisServerProcess.findExecutable() != null && redisCli() != null;
	}

	/** {@code 127.0.0.1:port} of every node, primaries first as created. */
	public List<String> seeds() {
		return this.nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
	}

	/** The seeds as {@code redis://} URIs, for a Lettuce cluster client. */
	public List<RedisURI> seedUris() {
		return seeds().stream().map(seed -> RedisURI.create("redis://" + seed)).toList();
	}

	/** Number of primaries that serve slots. */
	public int primaries() {
		return PRIMARIES;
	}

	/**
	 * Promotes the replica of the primary that owns {@code key}'s slot with {@code CLUSTER FAILOVER} and returns
	 * once the cluster agrees, as an operator's planned failover does.
	 */
	public void failoverFor(String key) {
		int slot = SlotHash.getSlot(key);
		RedisServerProcess replica = null;
		for (RedisServerProcess node : this.nodes) {
			String role = info(node, "replication");
			if (role.contains("role:slave") && ownsSlot(primaryOf(node), slot)) {
				replica = node;
			}
		}
		if (replica == null) {
			throw new IllegalStateException("no replica found for slot " + slot);
		}
		RedisServerProcess promoted = replica;
		// A manual failover is abandoned (silently) when the replica lags: ask again until it takes.
		RedisServerProcess.awaitUntil(() -> {
			if (info(promoted, "replication").contains("role:master")) {
				return clusterOk();
			}
			promoted.call(redis -> redis.clusterFailover(false));
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
			return false;
		}, READY, "Redis Cluster: replica " + replica.port() + " promoted for slot " + slot);
	}

	@Override
	public synchronized void close() {
		if (this.dedicated) {
			this.nodes.forEach(RedisServerProcess::close);
		}
	}

	@Override
	public String toString() {
		return "RedisClusterHarness" + seeds();
	}

	private static RedisClusterHarness launch(boolean dedicated) {
		String executable = RedisServerProcess.findExecutable();
		String cli = redisCli();
		if (executable == null || cli == null) {
			throw new IllegalStateException("no Redis Cluster for tests: install redis-server and redis-cli");
		}
		List<RedisServerProcess> nodes = new ArrayList<>();
		for (int i = 0; i < PRIMARIES * 2; i++) {
			int busPort = RedisServerProcess.freePort();
			nodes.add(RedisServerProcess.launch(executable,
					port -> List.of("--cluster-enabled", "yes", "--cluster-port", Integer.toString(busPort),
							"--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "2000",
							"--appendonly", "no")));
		}
		RedisClusterHarness harness = new RedisClusterHarness(nodes, dedicated);
		List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
		create.addAll(harness.seeds());
		create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		run(create);
		RedisServerProcess.awaitUntil(() -> harness.clusterOk() && harness.replicasInSync(), READY,
				"Redis Cluster: cluster_state:ok on every node and every replica in sync");
		return harness;
	}

	private boolean clusterOk() {
		for (RedisServerProcess node : this.nodes) {
			if (!node.call(RedisCommands::clusterInfo).contains("cluster_state:ok")) {
				return false;
			}
		}
		return true;
	}

	private boolean replicasInSync() {
		int synced = 0;
		for (RedisServerProcess node : this.nodes) {
			if (info(node, "replication").contains("master_link_status:up")) {
				synced++;
			}
		}
		return synced == this.nodes.size() - PRIMARIES;
	}

	private RedisServerProcess primaryOf(RedisServerProcess replica) {
		String replication = info(replica, "replication");
		for (String line : replication.split("\r?\n")) {
			if (line.startsWith("master_port:")) {
				int port = Integer.parseInt(line.substring("master_port:".length()).trim());
				return this.nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
			}
		}
		throw new IllegalStateException("not a replica: " + replica.port());
	}

	private boolean ownsSlot(RedisServerProcess primary, int slot) {
		return slotRangesOf(primary).stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
	}

	private List<int[]> slotRangesOf(RedisServerProcess node) {
		List<int[]> ranges = new ArrayList<>();
		for (String line : node.call(RedisCommands::clusterNodes).split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length > 8 && fields[2].contains("myself")) {
				for (int i = 8; i < fields.length; i++) {
					String[] bounds = fields[i].split("-");
					if (!bounds[0].startsWith("[")) {
						int from = Integer.parseInt(bounds[0]);
						ranges.add(new int[] { from, (bounds.length > 1) ? Integer.parseInt(bounds[1]) : from });
					}
				}
			}
		}
		return ranges;
	}

	private static String info(RedisServerProcess node, String section) {
		return node.call(redis -> redis.info(section));
	}

	private static String redisCli() {
		String server = RedisServerProcess.findExecutable();
		if (server == null) {
			return null;
		}
		java.nio.file.Path cli = java.nio.file.Path.of(server).resolveSibling("redis-cli");
		return java.nio.file.Files.isExecutable(cli) ? cli.toString() : null;
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
