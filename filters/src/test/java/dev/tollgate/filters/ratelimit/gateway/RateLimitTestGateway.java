package dev.tollgate.filters.ratelimit.gateway;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tollgate.filters.ratelimit.RateLimitStores;

/**
 * A minimal gateway for tests: Spring Cloud Gateway with Tollgate's auto-configuration, routes from properties, and the
 * test identity filter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RateLimitTestGateway {

	/** Routes every test gateway has: {@code /orders} (cost 1), {@code /reports} (cost 5), {@code /open} (no auth). */
	public static final Map<String, Object> ROUTES = Map.ofEntries(
			Map.entry("spring.cloud.gateway.server.webflux.routes[0].id", "orders"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[0].uri", "no://op"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/orders/**"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[0].filters[0]", "TestIdentity"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[0].filters[1]", "ClientRateLimit=standard"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[1].id", "reports"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[1].uri", "no://op"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[1].predicates[0]", "Path=/reports/**"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[1].filters[0]", "TestIdentity"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[1].filters[1]", "ClientRateLimit=standard,5"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[2].id", "open"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[2].uri", "no://op"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[2].predicates[0]", "Path=/open/**"),
			Map.entry("spring.cloud.gateway.server.webflux.routes[2].filters[0]", "ClientRateLimit=standard"),
			Map.entry("tollgate.rate-limit.policies.standard.limits[0]", "20/1h"),
			Map.entry("tollgate.rate-limit.policies.premium.limits[0]", "40/1h"),
			Map.entry("tollgate.rate-limit.client-overrides.agent-vip", "premium"),
			Map.entry("server.port", "0"),
			Map.entry("spring.main.banner-mode", "off"),
			// The test classpath also holds Spring MVC (the in-process authorization server); the gateway is reactive.
			Map.entry("spring.main.web-application-type", "reactive"));

	@Bean
	TestIdentityGatewayFilterFactory testIdentityGatewayFilterFactory() {
		return new TestIdentityGatewayFilterFactory();
	}

	/** Start one gateway with the routes above plus {@code extra} properties; returns once its store is ready. */
	public static ConfigurableApplicationContext start(Map<String, Object> extra) {
		Map<String, Object> properties = new java.util.HashMap<>(ROUTES);
		properties.putAll(extra);
		return run(properties);
	}

	/**
	 * Start one gateway whose rate limiter reads {@code clock}, so refill-dependent headers are exact however slow
	 * the machine is.
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> extra, Clock clock) {
		Map<String, Object> properties = new java.util.HashMap<>(ROUTES);
		properties.putAll(extra);
		return run(properties, clock);
	}

	/** Start one gateway with exactly these properties; returns once its store is ready. */
	public static ConfigurableApplicationContext run(Map<String, Object> properties) {
		return run(properties, null);
	}

	private static ConfigurableApplicationContext run(Map<String, Object> properties, Clock clock) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(RateLimitTestGateway.class).properties(properties);
		if (clock != null) {
			builder.initializers(context -> context.getBeanFactory().registerSingleton("tollgateClock", clock));
		}
		ConfigurableApplicationContext context = builder.run();
		context.getBean(RateLimitStores.class).ready().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		return context;
	}

	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
