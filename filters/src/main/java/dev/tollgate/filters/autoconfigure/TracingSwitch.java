package dev.tollgate.filters.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Boot's tracing and OpenTelemetry SDK auto-configurations out unless {@code tollgate.tracing.enabled}
 * is {@code true}. With a {@code Tracer} bean, Spring Boot adds a tracing handler to every observation (each request's
 * server and gateway client observations among them), even when nothing is sampled or exported; switched off, the
 * gateway runs as if the tracing jars were absent. Registered in {@code META-INF/spring.factories}.
 */
public final class TracingSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Packages of the auto-configurations switched off: Micrometer Tracing (any bridge) and the OpenTelemetry SDK. */
	private static final String[] TRACING = { "org.springframework.boot.micrometer.tracing.",
			"org.springframework.boot.opentelemetry." };

	private boolean enabled;

	@Override
	public void setEnvironment(Environment environment) {
		this.enabled = environment.getProperty("tollgate.tracing.enabled", Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = this.enabled || !isTracing(autoConfigurationClasses[i]);
		}
		return matches;
	}

	static boolean isTracing(String autoConfiguration) {
		if (autoConfiguration == null) {
			return false;
		}
		for (String prefix : TRACING) {
			if (autoConfiguration.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
