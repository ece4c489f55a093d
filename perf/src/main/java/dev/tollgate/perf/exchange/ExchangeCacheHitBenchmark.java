package dev.tollgate.perf.exchange;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.upstream.TokenExchanger;
import dev.tollgate.filters.upstream.exchange.DefaultTokenExchanger;
import dev.tollgate.filters.upstream.exchange.StsProfiles;
import dev.tollgate.filters.upstream.exchange.StsProperties;
import dev.tollgate.testkit.TestAuthorizationServer;

/**
 * What a cached token exchange costs per request: subject-token hashing, cache lookup, freshness check, metrics and
 * the (DEBUG, so disabled) audit line. The cache is filled from a real in-process Spring Authorization Server during
 * setup; the measured calls never reach it.
 *
 * <p>
 * Run: {@code java -cp perf/target/classes:<runtime classpath> org.openjdk.jmh.Main ExchangeCacheHit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExchangeCacheHitBenchmark {

	private static final Context ROUTE = Context.of(TokenExchanger.ROUTE_ID_CONTEXT_KEY, "orders");

	private static final List<String> SCOPES = List.of("orders:read");

	/** How many distinct callers (subject tokens) are cached and rotated through. */
	@Param({ "1", "1000" })
	public int callers;

	private TestAuthorizationServer authorizationServer;

	private DefaultTokenExchanger exchanger;

	private String[] subjects;

	private CallerIdentity[] identities;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		quietLogs();
		this.authorizationServer = TestAuthorizationServer.start();
		StsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
				"tollgate.sts.corp.token-uri", this.authorizationServer.tokenUri(),
				"tollgate.sts.corp.client-id", "gateway",
				"tollgate.sts.corp.client-secret", TestAuthorizationServer.SECRET,
				// Only the setup calls the STS; a loaded machine must not fail it.
				"tollgate.sts.corp.timeout", "60s")))
			.bindOrCreate("tollgate", StsProperties.class);
		Clock clock = Clock.systemUTC();
		this.exchanger = new DefaultTokenExchanger(StsProfiles.from(properties, clock), WebClient.create(),
				new SimpleMeterRegistry(), clock);
		// Distinct subject tokens from one client: each is its own cache entry.
		this.subjects = IntStream.range(0, this.callers)
			.parallel()
			.mapToObj((i) -> this.authorizationServer.clientCredentialsToken("agent-rs", "https://gw.test/orders",
					"orders:read"))
			.toArray(String[]::new);
		this.identities = new CallerIdentity[this.callers];
		for (int i = 0; i < this.callers; i++) {
			this.identities[i] = new CallerIdentity("agent-rs", "agent-rs", Set.of("orders:read"), CredentialKind.JWT,
					"test", java.time.Instant.now().plusSeconds(290), null);
		}
		// Fill the cache: one STS exchange per caller, 16 at a time.
		Flux.range(0, this.callers)
			.flatMap((i) -> this.exchanger.exchange("corp", this.identities[i], this.subjects[i], "orders-api", null,
					SCOPES), 16)
			.blockLast();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.authorizationServer.close();
	}

	@Benchmark
	public String cacheHit() {
		int i = this.next;
		this.next = (i + 1 == this.callers) ? 0 : i + 1;
		return exchange(i);
	}

	private String exchange(int i) {
		return this.exchanger.exchange("corp", this.identities[i], this.subjects[i], "orders-api", null, SCOPES)
			.contextWrite(ROUTE)
			.block();
	}

	private static void quietLogs() {
		level(org.slf4j.Logger.ROOT_LOGGER_NAME, ch.qos.logback.classic.Level.WARN);
		// Production level: cache hits log at DEBUG, so they are not written.
		level("tollgate.audit", ch.qos.logback.classic.Level.INFO);
	}

	private static void level(String logger, ch.qos.logback.classic.Level level) {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
	}

}
