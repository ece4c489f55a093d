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
 */
public record IntrospectionEndpoint(String issuerName, String issuer, URI uri, String clientId, String clientSecret,
		String clientIdClaim, String scopeClaim, Duration clockSkew, Duration cacheMaxTtl, Duration timeout) {

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
	}

	@Override
	public String toString() {
		return "IntrospectionEndpoint[issuer=" + this.issuerName + ", uri=" + this.uri + ", clientId=" + this.clientId
				+ ", clientSecret=<redacted>]";
	}

}
