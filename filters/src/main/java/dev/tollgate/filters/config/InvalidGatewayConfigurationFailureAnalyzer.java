package dev.tollgate.filters.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a missing or wrong {@code tollgate.gateway.*} property as one line naming it, without a stack trace. */
public class InvalidGatewayConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidGatewayConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidGatewayConfigurationException cause) {
		return new FailureAnalysis("Invalid Tollgate gateway configuration: " + cause.getMessage(),
				"Set " + cause.property() + " (see docs/configuration.md and docs/security-model.md).", cause);
	}

}
