package dev.tollgate.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once Redis is reached, when it would lose API keys: no AOF and no snapshots means every key is gone after a
 * restart, and an evicting {@code maxmemory-policy} may drop key records under memory pressure. Managed services
 * that forbid {@code CONFIG} get one line saying the check could not run. On a cluster the node that answers is
 * checked; the operations guide asks for the same settings on every node.
 */
public final class RedisPersistenceCheck {

	private static final Logger log = LoggerFactory.getLogger(RedisPersistenceCheck.class);

	private RedisPersistenceCheck() {
	}

	/** The problems found, worded for the operator; empty when keys survive a restart and are never evicted. */
	public static CompletionStage<List<String>> problems(RedisClusterAsyncCommands<String, String> redis) {
		return redis.configGet("appendonly", "save", "maxmemory-policy").thenApply(RedisPersistenceCheck::judge);
	}

	/** Runs the check and logs its outcome; never fails the caller. */
	public static void warnIfKeysAtRisk(RedisClusterAsyncCommands<String, String> redis, String what) {
		problems(redis).whenComplete((problems, failure) -> {
			if (failure != null) {
				log.atWarn()
					.addKeyValue("dependency", "redis")
					.addKeyValue("error", failure.getClass().getSimpleName())
					.log("Could not check Redis persistence (CONFIG GET refused?): make sure {} survive a restart "
							+ "(appendonly yes) and are never evicted (maxmemory-policy noeviction)", what);
			}
			else if (!problems.isEmpty()) {
				log.atWarn()
					.addKeyValue("dependency", "redis")
					.log("Redis would lose {}: {}", what, String.join("; ", problems));
			}
		});
	}

	static List<String> judge(Map<String, String> config) {
		List<String> problems = new ArrayList<>();
		boolean aof = "yes".equalsIgnoreCase(config.getOrDefault("appendonly", "no"));
		String save = config.getOrDefault("save", "").trim();
		if (!aof && save.isEmpty()) {
			problems.add("persistence is off (appendonly no, save \"\"), so everything is gone after a restart; "
					+ "set appendonly yes");
		}
		else if (!aof) {
			problems.add("only RDB snapshots (save " + save + "): changes since the last snapshot are lost on a crash; "
					+ "set appendonly yes");
		}
		String policy = config.getOrDefault("maxmemory-policy", "noeviction");
		if (!"noeviction".equalsIgnoreCase(policy)) {
			problems.add("maxmemory-policy " + policy + " may evict key records under memory pressure; "
					+ "set maxmemory-policy noeviction");
		}
		return problems;
	}

}
