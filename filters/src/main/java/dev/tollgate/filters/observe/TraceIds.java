package dev.tollgate.filters.observe;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

/**
 * The trace id of a started observation that Micrometer Tracing made a span of. Loaded only when tracing is on
 * (Micrometer Tracing is an optional dependency of this module).
 */
final class TraceIds {

	private TraceIds() {
	}

	/** @return the trace id, or {@code null} when the observation has no span */
	static String of(Observation observation) {
		TracingContext tracing = observation.getContextView().get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context().traceId() : null;
	}

}
