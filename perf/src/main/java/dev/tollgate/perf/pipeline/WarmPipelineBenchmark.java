package dev.tollgate.perf.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.authn.Authenticator;
import dev.tollgate.filters.authn.CredentialExtractor;
import dev.tollgate.filters.authz.AuthorizeGatewayFilterFactory;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;
import dev.tollgate.filters.ratelimit.ClientRateLimiter;
import dev.tollgate.filters.ratelimit.RateLimitMetrics;
import dev.tollgate.filters.ratelimit.RateLimitPolicies;
import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.filters.ratelimit.RateLimitStores;
import dev.tollgate.filters.upstream.UpstreamTokenGatewayFilterFactory;
import dev.tollgate.filters.upstream.mint.SigningKeyRing;
import dev.tollgate.filters.upstream.mint.TokenMinter;
import dev.tollgate.perf.jwt.BenchmarkTokens;

/**
 * Tollgate's own work per request on the warm path, through the real stages of the one-filter pipeline:
 * authenticate (verified-token cache hit), authorize, rate-limit (in-memory buckets, as a lease hit decides) and
 * upstream token (minted-token cache hit), with every header change applied in one {@code mutate()}. The chain
 * after the pipeline answers at once; {@code chainOnly} is that chain alone, the benchmark's own overhead. Target
 * (issue 16): the warm path at most 30 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmPipelineBenchmark {

	private static final GatewayFilterChain CHAIN = (exchange) -> Mono.empty();

	private Pipeline pipeline;

	private RouteSecurity route;

	private MockServerWebExchange[] exchanges;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		Clock clock = Clock.systemUTC();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		DecisionRecorder recorder = new DecisionRecorder(registry);
		ErrorResponder responder = new ErrorResponder(recorder, "tollgate",
				PublicBaseUrl.parse("https://gateway.bench"));
		Authenticator authenticator = new Authenticator(new CredentialExtractor("X-API-Key"),
				BenchmarkTokens.authenticator(10_000), null, List.of());
		AuthenticateGatewayFilterFactory authenticate = new AuthenticateGatewayFilterFactory(authenticator, responder,
				recorder);
		RateLimitProperties limits = new Binder(new MapConfigurationPropertySource(
				Map.of("tollgate.rate-limit.policies.standard.limits", "1000000000/1s")))
			.bindOrCreate("tollgate.rate-limit", RateLimitProperties.class);
		RateLimitStores stores = RateLimitStores.inMemory(limits, clock);
		ClientRateLimiter limiter = new ClientRateLimiter(RateLimitPolicies.from(limits), stores.shared(),
				stores.local(), limits, new RateLimitMetrics(registry, 100), clock);
		TokenMinter minter = new TokenMinter(SigningKeyRing.generated(clock, "RS256", Duration.ofHours(1),
				Duration.ofMinutes(5)), "https://gateway.bench", Duration.ofMinutes(5), Duration.ofSeconds(30), 10_000,
				clock);
		AuthenticateGatewayFilterFactory.Config authn = new AuthenticateGatewayFilterFactory.Config();
		authn.setRouteId("orders");
		authn.setAudience(BenchmarkTokens.AUDIENCE);
		authn.setScopes(List.of("orders:read"));
		authn.setResourcePath("/orders");
		this.route = authenticate.routeSecurity(authn);
		this.pipeline = new Pipeline(List.of(authenticate.stage(),
				new AuthorizeGatewayFilterFactory(responder, recorder).stage(List.of()),
				new ClientRateLimitGatewayFilterFactory(limiter, responder, recorder).stage("orders", "standard", null),
				new UpstreamTokenGatewayFilterFactory(minter, null, responder, recorder)
					.stage(UpstreamTokenGatewayFilterFactory.Config.of("orders",
							new RoutePolicy.UpstreamToken(null, "orders-api", null, List.of(), true)))),
				responder);
		List<String> tokens = BenchmarkTokens.pool("ES256");
		// Built once: a mock exchange costs more to build (codecs, loggers) than the whole pipeline, and a server
		// builds its exchange anyway. Each run puts the same attributes and response headers again.
		this.exchanges = tokens.stream()
			.map((token) -> MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.header(HttpHeaders.ACCEPT, "application/json")))
			.toArray(MockServerWebExchange[]::new);
		for (MockServerWebExchange exchange : this.exchanges) {
			// Warm every cache the way the first request of each client does (that one waits for verification).
			this.pipeline.run(new Pass(exchange, this.route, "orders"), CHAIN).block();
		}
	}

	private MockServerWebExchange exchange() {
		MockServerWebExchange exchange = this.exchanges[this.next];
		this.next = (this.next + 1) % this.exchanges.length;
		return exchange;
	}

	@Benchmark
	public Mono<Void> warm() {
		MockServerWebExchange exchange = exchange();
		Mono<Void> result = this.pipeline.run(new Pass(exchange, this.route, "orders"), CHAIN);
		if (result != Mono.<Void>empty()) {
			// Anything but the chain's own Mono means a stage waited or refused: not the warm path.
			throw new IllegalStateException("not the warm path: " + exchange.getResponse().getStatusCode());
		}
		return result;
	}

	@Benchmark
	public Mono<Void> chainOnly() {
		return CHAIN.filter(exchange());
	}

}
