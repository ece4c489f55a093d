package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.observe.DecisionSpans;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.upstream.TokenExchanger;
import dev.tollgate.filters.upstream.exchange.DefaultTokenExchanger;
import dev.tollgate.filters.upstream.exchange.StsProfiles;
import dev.tollgate.filters.upstream.exchange.StsProperties;
import dev.tollgate.filters.upstream.exchange.StsWebClients;

/** Creates the {@link DefaultTokenExchanger} when at least one {@code tollgate.sts.<name>} profile is configured. */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@Conditional(TokenExchangeAutoConfiguration.OnStsProfiles.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(StsProperties.class)
public class TokenExchangeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TokenExchanger.class)
	public DefaultTokenExchanger tollgateTokenExchanger(StsProperties properties,
			ObjectProvider<WebClient.Builder> webClients, ObjectProvider<DecisionSpans> spans,
			ObjectProvider<MeterRegistry> registry,
			ObjectProvider<Clock> clock, ObjectProvider<DependencyCalls> calls) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		WebClient webClient = StsWebClients.create(DependencyWebClients.builder(webClients, spans));
		return new DefaultTokenExchanger(StsProfiles.from(properties, time), webClient,
				registry.getIfAvailable(SimpleMeterRegistry::new), time,
				calls.getIfAvailable(() -> new DependencyCalls(time)));
	}

	/** Matches when {@code tollgate.sts} has at least one entry. */
	static final class OnStsProfiles extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean any = Binder.get(context.getEnvironment())
				.bind("tollgate.sts", Bindable.mapOf(String.class, String.class))
				.map((profiles) -> !profiles.isEmpty())
				.orElse(false);
			return any ? ConditionOutcome.match("tollgate.sts has profiles")
					: ConditionOutcome.noMatch("no tollgate.sts profiles");
		}

	}

}
