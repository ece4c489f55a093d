package dev.tollgate.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.store.RedisKeyChangeBus;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line against a real Redis, as a running gateway sees it: records plus a change announcement. */
class ApiKeyCliRedisTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String prefix = "t-" + UUID.randomUUID();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@Test
	void revokeWhenRedisThenGatewaysHearOfItAndRecordIsRevoked() throws Exception {
		RedisConnector client = RedisConnector.create(
				RedisTopology.fromUrl(RedisHarness.shared().uri(), RedisTopology.Credentials.NONE),
				RedisClientSettings.DEFAULTS, Clock.systemUTC());
		try (ApiKeyBackend gateway = ApiKeyBackend.redis(client, this.prefix, Duration.ofMinutes(10),
				Duration.ofMinutes(10), 100, Duration.ofDays(1))) {
			gateway.connected().toCompletableFuture().get(10, TimeUnit.SECONDS);
			((RedisKeyChangeBus) gateway.bus()).subscribed().toCompletableFuture().get(10, TimeUnit.SECONDS);
			LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
			gateway.bus().subscribe(id -> heard.add(String.valueOf(id)));
			assertThat(run("issue", "--client", "agent-a", "--scopes", "orders:read")).isZero();
			Matcher m = Pattern.compile("key id:\\s+(\\S+)\\s+key:\\s+(\\S+)").matcher(stdout());
			assertThat(m.find()).isTrue();
			String keyId = m.group(1);
			assertThat(gateway.store().findByHash(KeyHash.of(m.group(2))).toCompletableFuture().get()).isPresent();
			assertThat(heard.poll(1, TimeUnit.SECONDS)).as("issue announced").isEqualTo(keyId);
			assertThat(run("revoke", keyId)).isZero();
			assertThat(heard.poll(1, TimeUnit.SECONDS)).as("revocation announced").isEqualTo(keyId);
			assertThat(gateway.store().findById(keyId).toCompletableFuture().get()).get()
				.satisfies(r -> assertThat(r.status()).isEqualTo(KeyStatus.REVOKED));
			this.out.reset();
			assertThat(run("report", "--format", "json")).isZero();
			assertThat(stdout()).contains("\"client_id\" : \"agent-a\"");
		}
		finally {
			client.close();
		}
	}

	/**
	 * In its own JVM, as operators run it: stdout is exactly the JSON answer, and the log line the lifecycle writes
	 * goes to stderr. The JVM has no Spring context to start; the test does not time it (the start time is measured
	 * and reported in CHANGELOG.md).
	 */
	@Test
	void runWhenOwnJvmAndOutputJsonThenStdoutIsOnlyJsonAndLogsGoToStderr() throws Exception {
		Result issue = runInOwnJvm("--output", "json", "issue", "--client", "agent-jvm", "--scopes", "orders:read");
		assertThat(issue.code()).as(issue.stderr()).isZero();
		JsonNode issued = JSON.readTree(issue.stdout());
		assertThat(issued.get("client_id").asString()).isEqualTo("agent-jvm");
		assertThat(issue.stderr()).contains("api key issued").doesNotContain(issued.get("key").asString());

		Result list = runInOwnJvm("--output", "json", "list");
		assertThat(list.code()).as(list.stderr()).isZero();
		assertThat(JSON.readTree(list.stdout()).isArray()).isTrue();
		assertThat(list.stdout()).contains(issued.get("key_id").asString());
	}

	private Result runInOwnJvm(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ApiKeyCli.class.getName(), "keys", "--redis",
				RedisHarness.shared().uri(), "--prefix", this.prefix));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).start();
		process.getOutputStream().close();
		CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command line ended").isTrue();
		return new Result(process.exitValue(), stdout.get(), stderr.get());
	}

	private static String drain(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Result(int code, String stdout, String stderr) {
	}

	private int run(String... command) {
		String[] args = new String[command.length + 5];
		args[0] = "keys";
		args[1] = "--redis";
		args[2] = RedisHarness.shared().uri();
		args[3] = "--prefix";
		args[4] = this.prefix;
		System.arraycopy(command, 0, args, 5, command.length);
		return ApiKeyCli.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
