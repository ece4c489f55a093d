package dev.tollgate.filters.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.tollgate.filters.authn.bearer.IssuersProperties;

/** Matches when at least one {@code tollgate.issuers[]} entry is configured, in any property source form. */
final class OnIssuersConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured;
		try {
			configured = Binder.get(context.getEnvironment())
				.bind("tollgate.issuers", Bindable.listOf(IssuersProperties.Issuer.class))
				.map((issuers) -> !issuers.isEmpty())
				.orElse(false);
		}
		catch (BindException ex) {
			// Present but malformed: match, so that binding the properties reports the error at startup.
			configured = true;
		}
		return configured ? ConditionOutcome.match("tollgate.issuers is configured")
				: ConditionOutcome.noMatch("no tollgate.issuers configured");
	}

}
