package dev.tollgate.admin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.RedisConnectionException;

import dev.tollgate.admin.ApiKeyAdmin;
import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.apikeys.transfer.KeyExport;
import dev.tollgate.redis.DirectRedisConnection;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisTopology;

/**
 * The store one CLI command works on: Redis (with no local cache, every change announced to running gateways) or an
 * export file loaded into memory and written back atomically after a change.
 */
final class CliSession implements AutoCloseable {

	private final ApiKeyBackend backend;

	private final Clock clock;

	private final ApiKeyAdmin admin;

	private final Path file;

	/** Runs after the backend is closed (shuts the Redis client down). */
	private final Runnable closer;

	private CliSession(ApiKeyBackend backend, Clock clock, Path file, Runnable closer) {
		this.backend = backend;
		this.clock = clock;
		this.file = file;
		this.closer = closer;
		this.admin = new ApiKeyAdmin(new ApiKeyLifecycle(backend.store(), new ApiKeyFormat(), clock,
				Duration.ofHours(24)), backend.store(), backend.usage(), clock);
	}

	private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

	static CliSession open(CliArguments cli) {
		Clock clock = Clock.systemUTC();
		if (cli.option("redis") != null) {
			RedisTopology topology;
			try {
				topology = RedisTopology.fromUrl(cli.option("redis"), RedisTopology.Credentials.NONE);
			}
			catch (IllegalArgumentException ex) {
				throw new ApiKeyCli.RefusedException("--redis: " + ex.getMessage());
			}
			// One command connection and nothing else: no status probe, no subscription (nothing here is cached).
			DirectRedisConnection redis;
			try {
				redis = DirectRedisConnection.open(topology, RedisClientSettings.DEFAULTS, CONNECT_WAIT);
			}
			catch (RedisConnectionException ex) {
				throw new ApiKeyCli.RefusedException("cannot connect to Redis within " + CONNECT_WAIT.toSeconds() + " s");
			}
			ApiKeyBackend backend = ApiKeyBackend.redisAdministration(redis.commands(), cli.option("prefix", "tollgate"),
					Duration.ofDays(400));
			return new CliSession(backend, clock, null, redis::close);
		}
		Path file = Path.of(cli.option("file"));
		InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
		if (Files.exists(file)) {
			KeyExport.read(ApiKeyCli.read(file)).forEach(r -> ApiKeyCli.await(keys.save(r)));
		}
		return new CliSession(ApiKeyBackend.inMemory(keys, Duration.ZERO, 1), clock, file, () -> {
		});
	}

	ApiKeyAdmin admin() {
		return this.admin;
	}

	Clock clock() {
		return this.clock;
	}

	/** Writes the export file back (no-op on Redis, where every change is already stored). */
	void save() {
		if (this.file == null) {
			return;
		}
		try {
			Path tmp = Files.createTempFile(this.file.toAbsolutePath().getParent(), ".keys", ".json");
			Files.writeString(tmp, ApiKeyCli.await(this.admin.export()), StandardCharsets.UTF_8);
			Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new ApiKeyCli.RefusedException("cannot write " + this.file + ": " + ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		this.backend.close();
		this.closer.run();
	}

}
