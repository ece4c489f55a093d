package dev.tollgate.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command against Redis opens exactly one connection, a plain command connection: no status probe, no pub/sub
 * subscription (the command line caches nothing, so it has nothing to hear). Counted by the server itself, on a Redis
 * no other test uses.
 */
class CliSessionConnectionTests {

	private static RedisHarness redis;

	private static RedisClient observerClient;

	private static StatefulRedisConnection<String, String> observer;

	private final String prefix = "t-" + UUID.randomUUID();

	/** The key id the last {@code issue} printed. */
	private String keyId;

	@BeforeAll
	static void startRedis() {
		redis = RedisHarness.dedicated();
		observerClient = RedisClient.create(redis.uri());
		observer = observerClient.connect();
	}

	@AfterAll
	static void stopRedis() {
		observer.close();
		observerClient.shutdown();
		redis.close();
	}

	@Test
	void runWhenRedisCommandsThenEachOpensExactlyOneConnection() {
		for (String[] command : List.of(new String[] { "issue", "--client", "agent-a" }, new String[] { "list" },
				new String[] { "show", "KEY_ID" }, new String[] { "revoke", "KEY_ID" })) {
			long before = connectionsReceived();
			String[] resolved = Arrays.stream(command).map(a -> a.replace("KEY_ID", String.valueOf(this.keyId)))
				.toArray(String[]::new);
			assertThat(run(resolved)).as(String.join(" ", resolved)).isZero();
			assertThat(connectionsReceived() - before).as(String.join(" ", resolved)).isEqualTo(1);
		}
	}

	@Test
	void openWhenRedisThenOneClientWithoutSubscriptions() {
		List<String> args = List.of("list", "--redis", redis.uri(), "--prefix", this.prefix);
		try (CliSession session = CliSession.open(new CliArguments(args, Set.of("redis", "prefix")))) {
			long observerId = commands().clientId();
			List<String> others = Arrays.stream(commands().clientList().split("\n"))
				.filter(line -> !line.isBlank() && !line.startsWith("id=" + observerId + " "))
				.toList();
			assertThat(others).hasSize(1);
			assertThat(others.get(0)).contains(" sub=0 ").contains(" psub=0 ").contains(" cmd=");
		}
	}

	private int run(String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String[] args = new String[command.length + 5];
		args[0] = "keys";
		args[1] = "--redis";
		args[2] = redis.uri();
		args[3] = "--prefix";
		args[4] = this.prefix;
		System.arraycopy(command, 0, args, 5, command.length);
		int code = ApiKeyCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		Matcher issued = Pattern.compile("key id:\\s+(\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
		if (issued.find()) {
			this.keyId = issued.group(1);
		}
		return code;
	}

	private static long connectionsReceived() {
		Matcher m = Pattern.compile("total_connections_received:(\\d+)").matcher(commands().info("stats"));
		assertThat(m.find()).isTrue();
		return Long.parseLong(m.group(1));
	}

	private static RedisCommands<String, String> commands() {
		return observer.sync();
	}

}
