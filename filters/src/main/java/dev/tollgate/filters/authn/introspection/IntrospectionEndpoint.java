package dev.tollgate.filters.authn.introspection;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One issuer's RFC 7662 introspection endpoint and how its answers are read and cached.
 *
 * @param issuerName the configured issuer name
 * @param issuer the issuer identifier; an answer naming another {@code iss} is refused
 * @param uri the introspection endpoint
 * @param clientId the gateway's client id at the issuer (client_secret_basic)
 * @param clientSecret the gateway's client secret; never logged ({@link #toString()} redacts it)
 * @param clientIdClaim the claim holding the client id when the answer has no {@code client_id}
 * @param scopeClaim the claim holding scopes when the answer has no {@code scope}
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param cacheMaxTtl the longest an answer is cached; active answers never outlive the token's {@code exp}
 * @param timeout the longest one introspection call may take
 * @param maxConcurrent the most calls in flight to this endpoint at once; further requests get a fast 503
 */
public record IntrospectionEndpoint(String issuerName, String issuer, URI uri, String clientId, String clientSecret,
		String clientIdClaim, String scopeClaim, Duration clockSkew, Duration cacheMaxTtl, Duration timeout,
		int maxConcurrent) {

	/** Default of {@code maxConcurrent}: enough for a busy host, small enough not to flood an IdP. */
	public static final int DEFAULT_MAX_CONCURRENT = 64;

	/** With {@link #DEFAULT_MAX_CONCURRENT} calls in flight at most. */
	public IntrospectionEndpoint(String issuerName, String issuer, URI uri, String clientId, String clientSecret,
			String clientIdClaim, String scopeClaim, Duration clockSkew, Duration cacheMaxTtl, Duration timeout) {
		this(issuerName, issuer, uri, clientId, clientSecret, clientIdClaim, scopeClaim, clockSkew, cacheMaxTtl,
				timeout, DEFAULT_MAX_CONCURRENT);
	}

	public IntrospectionEndpoint {
		Objects.requireNonNull(issuerName, "issuerName");
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(clientSecret, "clientSecret");
		Objects.requireNonNull(clientIdClaim, "clientIdClaim");
		Objects.requireNonNull(scopeClaim, "scopeClaim");
		Objects.requireNonNull(clockSkew, "clockSkew");
		Objects.requireNonNull(cacheMaxTtl, "cacheMaxTtl");
		Objects.requireNonNull(timeout, "timeout");
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("tollgate.issuers[" + issuerName
					+ "].introspection.max-concurrent must be at least 1");
		}
	}

	@Override
	public String toString() {
		return "IntrospectionEndpoint[issuer=" + this.issuerName + ", uri=" + this.uri + ", clientId=" + this.clientId
				+ ", clientSecret=<redacted>]";
	}

}
