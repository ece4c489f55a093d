package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.policy.PolicyMetrics;
import dev.tollgate.filters.policy.PolicyProperties;
import dev.tollgate.filters.policy.PolicyStages;
import dev.tollgate.filters.policy.ToolPolicies;

/** Route policies in CEL: the stage factory the {@code Tollgate} filter builds each route's policy stage with. */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(PolicyProperties.class)
public class PolicyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public PolicyMetrics tollgatePolicyMetrics(ObjectProvider<MeterRegistry> registry) {
		return new PolicyMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	public PolicyStages tollgatePolicyStages(PolicyProperties properties,
			@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader, ObjectProvider<Clock> clock,
			PolicyMetrics metrics, DecisionRecorder recorder) {
		return new PolicyStages(properties, apiKeyHeader, clock.getIfAvailable(Clock::systemUTC), metrics, recorder);
	}

	/** The CEL policies of MCP tool rules ({@code tollgate.routes[].mcp.tools[].policy}). */
	@Bean
	@ConditionalOnMissingBean
	public ToolPolicies tollgateToolPolicies(PolicyProperties properties,
			@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader, ObjectProvider<Clock> clock,
			PolicyMetrics metrics) {
		return new ToolPolicies(properties, apiKeyHeader, clock.getIfAvailable(Clock::systemUTC), metrics);
	}

}
