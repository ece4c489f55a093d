package dev.tollgate.perf.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisURI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.BucketStore;
import dev.tollgate.filters.ratelimit.store.Bucket4jCasBucketStore;
import dev.tollgate.filters.ratelimit.store.Decision;
import dev.tollgate.filters.ratelimit.store.InMemoryBucketStore;
import dev.tollgate.filters.ratelimit.store.LeasingBucketStore;
import dev.tollgate.filters.ratelimit.store.Limit;
import dev.tollgate.filters.ratelimit.store.LuaBucketStore;
import dev.tollgate.filters.ratelimit.store.RedisBucketConnection;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisHarness;

/**
 * One rate-limit decision through each backend, on one hot key or spread over many keys: Tollgate's Lua store
 * (alone and behind the gateway's default leases), bucket4j's compare-and-swap store, the in-memory store (no Redis: the floor), and Spring Cloud Gateway's own
 * {@link RedisRateLimiter}, all against the same real Redis in the same run. Each call waits for its decision, so
 * with one thread the score is the latency a decision adds to a request, and with several threads it shows
 * throughput and contention. The limits are high so every decision does the full work of an allowed request.
 *
 * <p>Run: see {@code perf/RESULTS-ratelimit.md}.
 */
@State(Scope.Benchmark)
public class RateLimitBenchmark {

	/** {@code hot}: every call on one key; {@code spread}: a random key among 10,000. */
	@Param({ "hot", "spread" })
	public String keys;

	private static final int KEY_COUNT = 10_000;

	private final BucketSpec spec = new BucketSpec("bench", List.of(Limit.parse("1000000000/1h")));

	private RedisHarness redis;

	private RedisConnector client;

	private RedisBucketConnection connection;

	private LuaBucketStore lua;

	private LeasingBucketStore leasedLua;

	private Bucket4jCasBucketStore cas;

	private InMemoryBucketStore memory;

	private LettuceConnectionFactory springConnections;

	private GenericApplicationContext springContext;

	private RedisRateLimiter scg;

	private String[] keyNames;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = RedisHarness.shared();
		this.client = RedisConnector.create(RedisTopology.fromUrl(this.redis.uri(), RedisTopology.Credentials.NONE),
				RedisClientSettings.DEFAULTS, Clock.systemUTC());
		this.connection = new RedisBucketConnection(this.client);
		this.connection.firstOpened().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		Clock clock = Clock.systemUTC();
		this.lua = new LuaBucketStore(this.connection, clock);
		// Gateway defaults: leases of at most 1% of capacity and 100 tokens, spent within 1 s.
		this.leasedLua = new LeasingBucketStore(this.lua, clock, 0.01, 100, Duration.ofSeconds(1), 100_000);
		this.cas = new Bucket4jCasBucketStore(this.connection, clock);
		this.memory = new InMemoryBucketStore(clock, 100_000, "memory");
		this.scg = springCloudGatewayLimiter();
		this.keyNames = new String[KEY_COUNT];
		String run = Long.toHexString(System.nanoTime());
		for (int i = 0; i < KEY_COUNT; i++) {
			this.keyNames[i] = "bench:" + run + ":{r.client-" + i + "}";
		}
	}

	/** Spring Cloud Gateway's limiter as its auto-configuration builds it, on its own Lettuce connection. */
	private RedisRateLimiter springCloudGatewayLimiter() {
		RedisURI uri = RedisURI.create(this.redis.uri());
		this.springConnections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		this.springConnections.afterPropertiesSet();
		this.springConnections.start();
		DefaultRedisScript<List> script = new DefaultRedisScript<>();
		script.setScriptSource(new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));
		script.setResultType(List.class);
		this.springContext = new GenericApplicationContext();
		this.springContext.registerBean(ReactiveStringRedisTemplate.class,
				() -> new ReactiveStringRedisTemplate(this.springConnections));
		this.springContext.registerBean("redisRequestRateLimiterScript", RedisScript.class, () -> script);
		this.springContext.refresh();
		// replenishRate per second, burst capacity: high, so every call is an allowed request.
		RedisRateLimiter limiter = new RedisRateLimiter(1_000_000, 1_000_000_000L);
		limiter.setApplicationContext(this.springContext);
		return limiter;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.springContext.close();
		this.springConnections.destroy();
		this.connection.close();
		this.client.close();
	}

	private String key() {
		return "hot".equals(this.keys) ? this.keyNames[0]
				: this.keyNames[ThreadLocalRandom.current().nextInt(KEY_COUNT)];
	}

	private Decision decide(BucketStore store) {
		return store.tryConsume(key(), this.spec, 1).toCompletableFuture().join();
	}

	@Benchmark
	public Decision tollgateLua() {
		return decide(this.lua);
	}

	/**
	 * The gateway's default: the Lua store behind leases. On a hot key nearly every decision is spent from a lease.
	 * Spread over 10,000 keys it depends on each key's rate: one thread calling ~10,000 times a second touches each
	 * key about once a second, too rarely to lease, so most decisions still go to Redis; eight threads spending
	 * from leases call each key often enough to keep leasing.
	 */
	@Benchmark
	public Decision tollgateLuaLeased() {
		return decide(this.leasedLua);
	}

	@Benchmark
	public Decision tollgateBucket4jCas() {
		return decide(this.cas);
	}

	@Benchmark
	public Decision tollgateInMemory() {
		return decide(this.memory);
	}

	@Benchmark
	public RateLimiter.Response springCloudGatewayRedisRateLimiter() {
		// Its key is the id; it adds its own hash-tagged prefix (request_rate_limiter.{id}.tokens).
		return this.scg.isAllowed("r", key()).block();
	}

	/** Redis commands Tollgate's stores sent, printed after each trial to relate scores to round trips. */
	@TearDown(Level.Iteration)
	public void commands() {
		System.out.println("# commands so far: lua=" + this.lua.commandsSent() + " cas=" + this.cas.commandsSent()
				+ " (cas attempts=" + this.cas.getsSent() + ")");
	}

}
