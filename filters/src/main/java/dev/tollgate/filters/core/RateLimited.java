package dev.tollgate.filters.core;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** The caller spent its budget on this route: 429 with {@code Retry-After} and rate-limit headers. */
public final class RateLimited extends Rejection {

	/** @param headers {@code Retry-After}, {@code RateLimit} and {@code RateLimit-Policy} */
	public RateLimited(Map<String, String> headers) {
		this("limited", "Too many requests for this client on this route.", headers);
	}

	/**
	 * A refusal by another limit, e.g. failed authentications per client address.
	 * @param reason bounded reason tag
	 * @param description fixed, secret-free sentence for the caller
	 * @param headers at least {@code Retry-After}
	 */
	public RateLimited(String reason, String description, Map<String, String> headers) {
		super(reason, description, headers);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.TOO_MANY_REQUESTS;
	}

}
