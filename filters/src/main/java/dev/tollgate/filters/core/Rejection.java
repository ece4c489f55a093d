package dev.tollgate.filters.core;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Why the gateway refused a request. Subtypes separate the caller's faults (4xx) from failures of a dependency
 * (5xx) by type, so no code ever inspects a message to decide a status. Rejections carry no stack trace: they are
 * answers, not bugs.
 */
public abstract sealed class Rejection extends RuntimeException permits CallerFault, DependencyFailure, RateLimited {

	private final String reason;

	private final Map<String, String> headers;

	Rejection(String reason, String description, Map<String, String> headers) {
		super(description, null, false, false);
		this.reason = reason;
		this.headers = Map.copyOf(headers);
	}

	/** The HTTP status to answer with. */
	public abstract HttpStatus status();

	/** A short, bounded, secret-free token for metrics and logs, e.g. {@code expired} or {@code jwks_unavailable}. */
	public String reason() {
		return this.reason;
	}

	/** A human-readable, secret-free explanation for the problem document's {@code detail}. */
	public String description() {
		return getMessage();
	}

	/** Extra response headers, e.g. {@code Retry-After}, {@code Deprecation} or {@code Link}. */
	public Map<String, String> headers() {
		return this.headers;
	}

}
