package dev.tollgate.filters.observe;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Distributed tracing ({@code tollgate.tracing.*}), off by default: while off, Spring Boot's tracing and
 * OpenTelemetry auto-configurations are not even loaded, so requests pay nothing for them. On, spans go to an OTLP
 * endpoint ({@code management.opentelemetry.tracing.export.otlp.endpoint}) through Micrometer Tracing's OpenTelemetry
 * bridge, W3C {@code traceparent} reaches the upstream, and the gateway's decision gets its own spans
 * ({@link DecisionSpans}). Needs {@code spring-boot-starter-opentelemetry} on the classpath (the gateway image has it).
 *
 * @param enabled whether requests are traced and spans exported
 */
@ConfigurationProperties("tollgate.tracing")
public record TracingProperties(boolean enabled) {
}
