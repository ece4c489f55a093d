package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import dev.tollgate.filters.policy.ToolPolicies;
import dev.tollgate.filters.mcp.McpMetrics;
import dev.tollgate.filters.mcp.McpRoutes;
import dev.tollgate.filters.mcp.McpStages;
import dev.tollgate.filters.mcp.session.InMemoryMcpSessionStore;
import dev.tollgate.filters.mcp.session.McpSessionStore;
import dev.tollgate.filters.mcp.session.RedisMcpSessionStore;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;
import dev.tollgate.redis.RedisConnector;

/**
 * MCP routes: the {@code mcp} stage of routes declared with {@code tollgate.routes[].mcp}, and where their session
 * bindings live (Redis when {@code tollgate.redis} is configured, else memory).
 */
@AutoConfiguration(after = { TollgateFiltersAutoConfiguration.class, RateLimitAutoConfiguration.class,
		PolicyAutoConfiguration.class })
@ConditionalOnClass(AbstractGatewayFilterFactory.class)
public class McpAutoConfiguration {

	/** Bindings of a lone gateway, at most this many. */
	static final int IN_MEMORY_SESSIONS = 100_000;

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	public McpSessionStore tollgateMcpSessionStore(ObjectProvider<RedisConnector> redis,
			ObjectProvider<Clock> clock) {
		RedisConnector shared = redis.getIfAvailable();
		return (shared != null) ? new RedisMcpSessionStore(shared)
				: new InMemoryMcpSessionStore(clock.getIfAvailable(Clock::systemUTC), IN_MEMORY_SESSIONS);
	}

	@Bean
	@ConditionalOnMissingBean
	public McpStages tollgateMcpStages(ObjectProvider<McpRoutes> routes,
			ObjectProvider<ClientRateLimitGatewayFilterFactory> rateLimit, ObjectProvider<McpSessionStore> sessions,
			ObjectProvider<MeterRegistry> registry, ObjectProvider<ToolPolicies> policies) {
		McpRoutes declared = (routeId) -> {
			McpRoutes source = routes.getIfAvailable();
			return (source != null) ? source.settings(routeId) : null;
		};
		return new McpStages(declared, rateLimit.getIfAvailable(), sessions::getObject,
				new McpMetrics(registry.getIfAvailable(SimpleMeterRegistry::new)), policies.getIfAvailable());
	}

}
