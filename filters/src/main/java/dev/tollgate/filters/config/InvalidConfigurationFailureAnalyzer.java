package dev.tollgate.filters.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints every {@code tollgate.*} problem as a plain list at startup, without a stack trace. */
public class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		int count = cause.problems().size();
		String description = "Invalid Tollgate configuration (" + count + ((count == 1) ? " problem" : " problems")
				+ "):\n - " + String.join("\n - ", cause.problems());
		return new FailureAnalysis(description,
				"Fix " + String.join(", ", cause.properties().stream().distinct().toList())
						+ " (see docs/configuration.md and docs/routes.md).",
				cause);
	}

}
