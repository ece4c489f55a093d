package dev.tollgate.routes;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints route declaration problems as a plain list at startup, without a stack trace. */
public class InvalidRouteDeclarationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRouteDeclarationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRouteDeclarationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the properties named above under tollgate.routes (see docs/routes.md and docs/configuration.md).", cause);
	}

}
