package dev.tollgate.filters.core;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A dependency the decision needs (JWKS, introspection, Redis, STS) failed and no safe fallback exists: 503 with
 * {@code Retry-After}. Never a silent allow.
 */
public final class DependencyFailure extends Rejection {

	private final String dependency;

	/**
	 * @param dependency a bounded name such as {@code jwks}, {@code introspection}, {@code redis} or {@code sts}
	 * @param reason a bounded reason tag, e.g. {@code timeout}
	 * @param retryAfter how long callers should wait before trying again
	 */
	public DependencyFailure(String dependency, String reason, Duration retryAfter) {
		super(reason, "A service this route depends on is unavailable; try again later.",
				Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
		this.dependency = dependency;
	}

	public String dependency() {
		return this.dependency;
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.SERVICE_UNAVAILABLE;
	}

}
